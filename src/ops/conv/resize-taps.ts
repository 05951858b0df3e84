/**
 * Shared by resize and its adjoint: per-axis interpolation taps and the separable loops.
 * Resizing is separable, so an N-d resize is a 1-D resize along each spatial axis in turn;
 * each output index reads at most two input indices (nearest: one).
 */
import { OpError, fmtShape } from '../../core/errors.js';
import type { DType } from '../../core/dtype.js';
import type { AttrValue, OnnxContext, TensorMeta } from '../../core/op.js';
import { spatialRank } from './geometry.js';

export type ResizeMethod = 'nearest' | 'bilinear';

export interface ResizeAttrs {
  [key: string]: AttrValue;
  /** Spatial shape of the op's output. */
  size: readonly number[];
  method: ResizeMethod;
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

export function checkResizeAttrs(op: string, x: TensorMeta, a: ResizeAttrs): number {
  const r = spatialRank(op, x);
  if (!Array.isArray(a.size) || a.size.length !== r || a.size.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new OpError(op, `size must hold ${r} positive integers (one per spatial axis of ${fmtShape(x.shape)}). Received: size=${JSON.stringify(a.size)}`);
  }
  if (a.method !== 'nearest' && a.method !== 'bilinear') {
    throw new OpError(op, `method must be 'nearest' or 'bilinear'. Received: method=${JSON.stringify(a.method)}`);
  }
  if (a.alignCorners && a.halfPixelCenters) {
    throw new OpError(op, 'alignCorners and halfPixelCenters cannot both be true. Received: alignCorners=true, halfPixelCenters=true');
  }
  return r;
}

/** out[o] = (1 - w1[o]) · in[i0[o]] + w1[o] · in[i1[o]] along one axis (TF's coordinate rules). */
export interface Taps {
  i0: Int32Array;
  i1: Int32Array;
  w1: Float64Array;
}

export function resizeTaps(inSize: number, outSize: number, a: ResizeAttrs): Taps {
  const i0 = new Int32Array(outSize);
  const i1 = new Int32Array(outSize);
  const w1 = new Float64Array(outSize);
  const scale = a.alignCorners && outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize;
  const last = inSize - 1;
  for (let o = 0; o < outSize; o++) {
    if (a.method === 'nearest') {
      // float32 arithmetic, as TF and PyTorch compute the source index.
      const s = Math.fround(scale);
      const src = a.halfPixelCenters ? Math.fround((o + 0.5) * s) : Math.fround(o * s);
      const idx = Math.min(a.alignCorners ? Math.round(src) : Math.floor(src), last);
      i0[o] = i1[o] = Math.max(idx, 0);
      continue;
    }
    const src = Math.max(a.halfPixelCenters ? (o + 0.5) * scale - 0.5 : o * scale, 0);
    const f = Math.floor(src);
    i0[o] = Math.min(f, last);
    i1[o] = Math.min(f + 1, last);
    w1[o] = src - f;
  }
  return { i0, i1, w1 };
}

/**
 * Resizes one axis of a row-major array viewed as [pre, inLen, post] into [pre, outLen, post].
 */
export function resizeAxis(src: Float64Array, pre: number, inLen: number, post: number, t: Taps): Float64Array {
  const outLen = t.i0.length;
  const dst = new Float64Array(pre * outLen * post);
  for (let p = 0; p < pre; p++) {
    for (let o = 0; o < outLen; o++) {
      const d = (p * outLen + o) * post;
      const a0 = (p * inLen + t.i0[o]!) * post;
      const a1 = (p * inLen + t.i1[o]!) * post;
      const w = t.w1[o]!;
      if (w === 0) {
        for (let q = 0; q < post; q++) dst[d + q] = src[a0 + q]!;
      } else {
        const v = 1 - w;
        for (let q = 0; q < post; q++) dst[d + q] = v * src[a0 + q]! + w * src[a1 + q]!;
      }
    }
  }
  return dst;
}

/** The adjoint of resizeAxis: scatters [pre, outLen, post] back into [pre, inLen, post]. */
export function resizeAxisAdjoint(g: Float64Array, pre: number, inLen: number, post: number, t: Taps): Float64Array {
  const outLen = t.i0.length;
  const dst = new Float64Array(pre * inLen * post);
  for (let p = 0; p < pre; p++) {
    for (let o = 0; o < outLen; o++) {
      const s = (p * outLen + o) * post;
      const a0 = (p * inLen + t.i0[o]!) * post;
      const a1 = (p * inLen + t.i1[o]!) * post;
      const w = t.w1[o]!;
      if (w === 0) {
        for (let q = 0; q < post; q++) dst[a0 + q] += g[s + q]!;
      } else {
        const v = 1 - w;
        for (let q = 0; q < post; q++) {
          dst[a0 + q] += v * g[s + q]!;
          dst[a1 + q] += w * g[s + q]!;
        }
      }
    }
  }
  return dst;
}

/**
 * Applies a per-axis map to every spatial axis of [N, spatial..., C] data, from `from` sizes to
 * `to` sizes (axes whose size does not change are the identity under every coordinate rule).
 */
export function separable(
  data: Float64Array, shape: readonly number[], to: readonly number[],
  step: (src: Float64Array, pre: number, axisIn: number, post: number, axis: number) => Float64Array,
): Float64Array {
  const cur = [...shape];
  let buf = data;
  for (let ax = 0; ax < to.length; ax++) {
    if (cur[1 + ax] === to[ax]) continue;
    const pre = cur.slice(0, 1 + ax).reduce((p, d) => p * d, 1);
    const post = cur.slice(2 + ax).reduce((p, d) => p * d, 1);
    buf = step(buf, pre, cur[1 + ax]!, post, ax);
    cur[1 + ax] = to[ax]!;
  }
  return buf;
}

/** One term of a per-axis linear map: out[o] += weight[o] · in[index[o]]; index = the input length reads a zero. */
interface TapTerm {
  index: number[];
  /** null: every weight is 1. */
  weight: number[] | null;
}

/** The terms of the resize of one axis (the reference's taps; a zero weight reads nothing, as there). */
export function forwardTerms(inLen: number, t: Taps): TapTerm[] {
  const w = [...t.w1];
  if (w.every((v) => v === 0)) return [{ index: [...t.i0], weight: null }];
  return [
    { index: [...t.i0], weight: w.map((v) => 1 - v) },
    { index: [...t.i1].map((i, o) => (w[o] === 0 ? inLen : i)), weight: w },
  ];
}

/** The terms of the adjoint: each input cell gathers the output cells it was interpolated into. */
export function adjointTerms(outLen: number, inLen: number, t: Taps): TapTerm[] {
  const from: [number, number][][] = Array.from({ length: inLen }, () => []);
  for (let o = 0; o < outLen; o++) {
    const w = t.w1[o]!;
    from[t.i0[o]!]!.push([o, 1 - w]);
    if (w !== 0) from[t.i1[o]!]!.push([o, w]);
  }
  const count = Math.max(...from.map((l) => l.length));
  const unit = from.every((l) => l.every(([, v]) => v === 1));
  return Array.from({ length: count }, (_, j) => ({
    index: from.map((l) => l[j]?.[0] ?? outLen),
    weight: unit ? null : from.map((l) => l[j]?.[1] ?? 0),
  }));
}

/**
 * Applies tap terms along `axis` of x (shape `shape`): one Gather per term (from x with a zero
 * appended along the axis when a term reads it), times its weights, summed.
 */
export function lowerTerms(ctx: OnnxContext, x: string, shape: readonly number[], dtype: DType, axis: number, terms: readonly TapTerm[]): string {
  const len = shape[axis]!;
  let src = x;
  if (terms.some((t) => t.index.includes(len))) {
    const pads = new Array<number>(2 * shape.length).fill(0);
    pads[shape.length + axis] = 1;
    src = ctx.node('Pad', [x, ctx.ints(pads)]);
  }
  const n = terms[0]!.index.length;
  const wShape = [n, ...new Array<number>(shape.length - axis - 1).fill(1)];
  const parts = terms.map((t) => {
    const g = ctx.node('Gather', [src, ctx.constant(t.index, [n], 'int64')], { axis });
    return t.weight ? ctx.node('Mul', [g, ctx.constant(t.weight, wShape, dtype)]) : g;
  });
  if (parts.length === 1) return parts[0]!;
  // ORT's Sum is float-only.
  return dtype === 'float32' || dtype === 'float64' ? ctx.node('Sum', parts) : parts.reduce((acc, p) => ctx.node('Add', [acc, p]));
}
