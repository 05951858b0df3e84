/**
 * Geometry shared by convolution, pooling and patch extraction: argument normalisation,
 * padding resolution ('valid' / 'same' / 'causal' / explicit pairs) and output sizes.
 * Every op of the family takes channels-last tensors [N, spatial..., C] with 1 to 3 spatial axes.
 */
import { OpError, fmtShape } from '../../core/errors.js';
import type { AttrValue, TensorMeta } from '../../core/op.js';
import type { Shape } from '../../core/shape.js';
import type { Geom3 } from '../../backends/reference/im2col.js';

export type PaddingArg = 'valid' | 'same' | 'causal' | number | readonly (readonly [number, number] | readonly number[])[];

/** Explicit per-axis padding [[before, after], ...]. */
export type Pads = readonly (readonly number[])[];

/** The attributes of a sliding-window op over the spatial axes (one entry per spatial axis). */
export interface WindowAttrs {
  [key: string]: AttrValue;
  kernelSize: readonly number[];
  strides: readonly number[];
  dilations: readonly number[];
  padding: Pads;
}

/** Checks the rank of x ([N, spatial..., C], 1 to 3 spatial axes) and returns the spatial rank. */
export function spatialRank(op: string, x: TensorMeta | { shape: Shape }, expected?: number): number {
  const r = x.shape.length - 2;
  if (expected !== undefined ? r !== expected : r < 1 || r > 3) {
    const want = expected !== undefined ? `rank ${expected + 2}` : 'rank 3, 4 or 5';
    throw new OpError(op, `input must be channels-last [N, spatial..., C] of ${want}. Received: shape ${fmtShape(x.shape)}`);
  }
  return r;
}

/** A number or one number per spatial axis, each an integer ≥ `min`. */
export function tuple(op: string, name: string, value: number | readonly number[] | undefined, rank: number, fallback: number, min = 1): number[] {
  const v = value === undefined ? fallback : value;
  const list = typeof v === 'number' ? new Array<number>(rank).fill(v) : [...v];
  if (list.length !== rank || list.some((d) => !Number.isInteger(d) || d < min)) {
    throw new OpError(op, `${name} must be an integer ≥ ${min} or ${rank} such integers. Received: ${name}=${JSON.stringify(v)}`);
  }
  return list;
}

/** Extent of a dilated kernel: (k-1)*d + 1. */
export function effectiveKernel(k: number, d: number): number {
  return (k - 1) * d + 1;
}

/** TF/Keras 'same' padding of one axis: total = max((ceil(in/s)-1)*s + keff - in, 0), before = floor(total/2). */
export function samePadding(size: number, k: number, s: number, d: number): [number, number] {
  const total = Math.max((Math.ceil(size / s) - 1) * s + effectiveKernel(k, d) - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Resolves a padding argument into explicit [before, after] pairs for the given spatial sizes. */
export function resolvePadding(
  op: string, padding: PaddingArg | undefined, sizes: readonly number[], kernel: readonly number[],
  strides: readonly number[], dilations: readonly number[],
): number[][] {
  const r = sizes.length;
  const p = padding ?? 'valid';
  if (p === 'valid') return sizes.map(() => [0, 0]);
  if (p === 'same') return sizes.map((n, i) => samePadding(n, kernel[i]!, strides[i]!, dilations[i]!));
  if (p === 'causal') {
    if (r !== 1) throw new OpError(op, `'causal' padding is for 1D convolution only. Received: ${r} spatial axes`);
    return [[effectiveKernel(kernel[0]!, dilations[0]!) - 1, 0]];
  }
  if (typeof p === 'number') {
    if (!Number.isInteger(p) || p < 0) throw new OpError(op, `padding must be a non-negative integer. Received: padding=${p}`);
    return sizes.map(() => [p, p]);
  }
  const ok = Array.isArray(p) && p.length === r && p.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((v) => Number.isInteger(v) && v >= 0));
  if (!ok) {
    throw new OpError(op, `padding must be 'valid', 'same', a non-negative integer or ${r} pairs [before, after] of non-negative integers. Received: padding=${JSON.stringify(p)}`);
  }
  return p.map((pair) => [pair[0]!, pair[1]!]);
}

/** Number of window positions along one axis. */
export function windowCount(size: number, k: number, s: number, d: number, before: number, after: number): number {
  return Math.floor((size + before + after - effectiveKernel(k, d)) / s) + 1;
}

/** Output spatial sizes of a window op; throws when the (padded) input is smaller than the window. */
export function windowOutputShape(op: string, spatial: readonly number[], a: WindowAttrs): number[] {
  return spatial.map((size, i) => {
    const [b, e] = a.padding[i]!;
    const keff = effectiveKernel(a.kernelSize[i]!, a.dilations[i]!);
    if (size + b! + e! < keff) {
      throw new OpError(op, `the padded input (${size + b! + e!} along spatial axis ${i}) is smaller than the ${a.dilations[i]! > 1 ? 'dilated ' : ''}window (${keff}). Received: spatial shape ${fmtShape(spatial)}, window ${fmtShape(a.kernelSize)}, padding ${JSON.stringify(a.padding)}`);
    }
    return windowCount(size, a.kernelSize[i]!, a.strides[i]!, a.dilations[i]!, b!, e!);
  });
}

/** Validates the structure of window attributes given to a primitive directly. */
export function checkWindowAttrs(op: string, a: WindowAttrs, rank: number): void {
  const okList = (l: readonly number[], min: number): boolean => Array.isArray(l) && l.length === rank && l.every((v) => Number.isInteger(v) && v >= min);
  const okPads = Array.isArray(a.padding) && a.padding.length === rank && a.padding.every((p) => p.length === 2 && p.every((v: number) => Number.isInteger(v) && v >= 0));
  if (!okList(a.kernelSize, 1) || !okList(a.strides, 1) || !okList(a.dilations, 1) || !okPads) {
    throw new OpError(op, `kernelSize, strides, dilations (integers ≥ 1) and padding ([before, after] pairs ≥ 0) need one entry per spatial axis (${rank}). Received: ${JSON.stringify(a)}`);
  }
}

/**
 * The geometry of a window op in the 3-D form the reference loops use: missing leading spatial
 * axes get size 1, kernel 1, stride 1 and no padding, so one loop nest serves 1D, 2D and 3D.
 * `image` is [N, spatial..., C]; `grid` holds the window-position counts.
 */
export function geom3(imageShape: Shape, grid: readonly number[], a: WindowAttrs): Geom3 {
  const r = grid.length;
  const lift = (v: readonly number[], fill: number): number[] => [...new Array<number>(3 - r).fill(fill), ...v];
  const spatial = imageShape.slice(1, 1 + r);
  const [inD, inH, inW] = lift(spatial, 1) as [number, number, number];
  const [outD, outH, outW] = lift(grid, 1) as [number, number, number];
  const [kD, kH, kW] = lift(a.kernelSize, 1) as [number, number, number];
  const [sD, sH, sW] = lift(a.strides, 1) as [number, number, number];
  const [dD, dH, dW] = lift(a.dilations, 1) as [number, number, number];
  const [pD, pH, pW] = lift(a.padding.map((p) => p[0]!), 0) as [number, number, number];
  return { n: imageShape[0]!, c: imageShape[r + 1]!, inD, inH, inW, outD, outH, outW, kD, kH, kW, sD, sH, sW, dD, dH, dW, pD, pH, pW };
}
