/**
 * ONNX building blocks shared by the lowerings of the family. Our tensors are channels-last with
 * Keras kernels; ONNX Conv/ConvTranspose/MaxPool/AveragePool are channels-first with kernels
 * [out, in/groups, k...], so those lowerings sit between Transposes (ORT's optimizer cancels the
 * inverse pairs between consecutive layers). ORT's CPU provider runs Conv, ConvTranspose and
 * AveragePool on float32 only; other dtypes go through patches (a Gather) and MatMul.
 */
import { castScalar, type DType } from '../../core/dtype.js';
import type { OnnxContext } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import type { Pads, WindowAttrs } from './geometry.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** [N, spatial..., C] → [N, C, spatial...] for r spatial axes. */
export function channelsFirst(ctx: OnnxContext, x: string, r: number): string {
  return ctx.node('Transpose', [x], { perm: [0, r + 1, ...range(1, r + 1)] });
}

/** [N, C, spatial...] → [N, spatial..., C]. */
export function channelsLast(ctx: OnnxContext, x: string, r: number): string {
  return ctx.node('Transpose', [x], { perm: [0, ...range(2, r + 2), 1] });
}

/**
 * A Keras kernel [k..., a, b] as ONNX's [b, a, k...]: conv's [k..., C/g, F] → [F, C/g, k...] and
 * convTranspose's [k..., out/g, in] → [in, out/g, k...] are the same permutation.
 */
export function onnxKernel(ctx: OnnxContext, w: string, r: number): string {
  return ctx.node('Transpose', [w], { perm: [r + 1, r, ...range(0, r)] });
}

/** [[b0, a0], [b1, a1]] → ONNX's [b0, b1, a0, a1]. */
export function onnxPads(p: Pads): number[] {
  return [...p.map((q) => q[0]!), ...p.map((q) => q[1]!)];
}

/** The ONNX attributes of a sliding window (Conv, ConvTranspose, pools). */
export function windowOnnxAttrs(a: WindowAttrs): { kernel_shape: number[]; strides: number[]; dilations: number[]; pads: number[] } {
  return { kernel_shape: [...a.kernelSize], strides: [...a.strides], dilations: [...a.dilations], pads: onnxPads(a.padding) };
}

/** Row-major offsets in the padded image of every window cell, ordered [grid..., kernel...]. */
function cellOffsets(padded: readonly number[], grid: readonly number[], a: WindowAttrs): number[] {
  return gatherOffsets(padded, grid.map((count, i) => ({ count, step: a.strides[i]! })), a.kernelSize.map((count, i) => ({ count, step: a.dilations[i]! })));
}

/**
 * Largest im2col matrix (elements) a float32 conv or convTranspose lowering materializes; beyond it
 * ORT's own Conv/ConvTranspose (im2col one image at a time) keep memory down.
 */
export const MAX_IM2COL = 1 << 26;

/** The pad value as `dtype` storage holds it (what the reference kernel writes). */
function padScalar(value: number, dtype: DType): number {
  if (Number.isFinite(value) || dtype === 'float32' || dtype === 'float64') return castScalar(value, dtype);
  // An Int32Array stores ±Infinity as 0; int64 (a Float64Array in the reference) has no ±∞.
  return dtype === 'int32' ? 0 : value > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

/**
 * Row-major offsets into an image of shape `dims` of the cells a gather takes, ordered
 * [grid..., kernel...]; grid axis i and kernel axis i both move along image axis i.
 */
function gatherOffsets(dims: readonly number[], grid: readonly { count: number; step: number }[], kernel: readonly { count: number; step: number }[]): number[] {
  const stride = dims.map((_, i) => sizeOf(dims.slice(i + 1)));
  let offsets = [0];
  for (const axes of [grid, kernel]) {
    axes.forEach((ax, i) => {
      const step = ax.step * stride[i]!;
      offsets = offsets.flatMap((o) => range(0, ax.count).map((g) => o + g * step));
    });
  }
  return offsets;
}

/** Above this many channels a gathered row is long enough; the last axis is not unfolded (see gatherPatches). */
const UNFOLD_MAX_CHANNELS = 64;

/**
 * im2col as one Gather: pad the image once, flatten its spatial axes and gather every window cell:
 * x [N, spatial..., C] → [N, grid..., kernel..., C]. Each gathered row is C contiguous values; with
 * few channels the per-row cost dominates (a 3-channel Conv3D's Gather ran at a third of the
 * speed of a 16-channel one), so the last spatial axis is first unfolded — its kernel cells laid
 * side by side by k strided Slices — and each gathered row holds k·C values (1D: no Gather at all).
 */
export function gatherPatches(
  ctx: OnnxContext, x: string, xShape: readonly number[], dtype: DType, grid: readonly number[], a: WindowAttrs, padValue: number,
): string {
  const r = grid.length;
  const n = xShape[0]!;
  const c = xShape[r + 1]!;
  if (a.kernelSize.every((k, i) => k === 1 && a.strides[i] === 1 && a.padding[i]![0] === 0 && a.padding[i]![1] === 0)) {
    // A 1×1 window with unit strides: the patches are the image.
    return ctx.node('Reshape', [x, ctx.ints([n, ...grid, ...a.kernelSize, c])]);
  }
  const padded = xShape.slice(1, 1 + r).map((len, i) => len + a.padding[i]![0]! + a.padding[i]![1]!);
  let src = x;
  if (a.padding.some((p) => p[0]! > 0 || p[1]! > 0)) {
    const pads = [0, ...a.padding.map((p) => p[0]!), 0, 0, ...a.padding.map((p) => p[1]!), 0];
    src = ctx.node('Pad', [x, ctx.ints(pads), ctx.constant([padScalar(padValue, dtype)], [], dtype)]);
  }
  const last = r - 1;
  const k = a.kernelSize[last]!;
  const outShape = [n, ...grid, ...a.kernelSize, c];
  const outer = range(0, last);
  if (k > 1 && c <= UNFOLD_MAX_CHANNELS) {
    // unfolded[n, p..., g, t, c] = padded[n, p..., g·s + t·d, c] over the last axis.
    const s = a.strides[last]!;
    const d = a.dilations[last]!;
    const g = grid[last]!;
    const cols = range(0, k).map((t) => ctx.node('Unsqueeze', [
      ctx.node('Slice', [src, ctx.ints([t * d]), ctx.ints([t * d + (g - 1) * s + 1]), ctx.ints([r]), ctx.ints([s])]), ctx.ints([r + 1])]));
    const unfolded = ctx.node('Concat', cols, { axis: r + 1 });
    if (r === 1) return unfolded; // [N, g, k, C] is the patch tensor
    const dims = [...padded.slice(0, last), g];
    const flat = ctx.node('Reshape', [unfolded, ctx.ints([n, sizeOf(dims), k * c])]);
    const offsets = gatherOffsets(dims,
      [...outer.map((i) => ({ count: grid[i]!, step: a.strides[i]! })), { count: g, step: 1 }],
      outer.map((i) => ({ count: a.kernelSize[i]!, step: a.dilations[i]! })));
    const indices = ctx.constant(offsets, [...grid, ...a.kernelSize.slice(0, last)], 'int64');
    return ctx.node('Reshape', [ctx.node('Gather', [flat, indices], { axis: 1 }), ctx.ints(outShape)]);
  }
  const flat = ctx.node('Reshape', [src, ctx.ints([n, sizeOf(padded), c])]);
  const indices = ctx.constant(cellOffsets(padded, grid, a), [...grid, ...a.kernelSize], 'int64');
  return ctx.node('Gather', [flat, indices], { axis: 1 });
}

/** Above this many scattered rows, ScatterND indexes positions only (not batch × positions). */
const MAX_BATCHED_SCATTER_ROWS = 1 << 20;

/**
 * col2im, the adjoint of gatherPatches: patches [N, grid..., kernel..., C] summed into the image
 * [N, imageShape..., C]. Non-overlapping windows (stride = kernel, no dilation) are a pure
 * rearrangement (Transpose + Pad); otherwise one ScatterND with reduction 'add' into the padded,
 * flattened image, then a crop. (ORT's Col2Im measured several times slower than either.)
 */
export function scatterPatches(
  ctx: OnnxContext, p: string, pShape: readonly number[], dtype: DType, imageShape: readonly number[], a: WindowAttrs,
): string {
  const r = imageShape.length;
  const n = pShape[0]!;
  const c = pShape[2 * r + 1]!;
  const grid = pShape.slice(1, 1 + r);
  const k = a.kernelSize;
  if (range(0, r).every((i) => a.strides[i] === k[i] && a.dilations[i] === 1)) {
    // Window cell (o, t) is padded-image cell o·k + t: interleave the grid and kernel axes.
    const perm = [0, ...range(0, r).flatMap((i) => [1 + i, 1 + r + i]), 2 * r + 1];
    const tiled = ctx.node('Reshape', [ctx.node('Transpose', [p], { perm }), ctx.ints([n, ...grid.map((g, i) => g * k[i]!), c])]);
    // Drop the padding before; crop or zero-fill the end (negative ONNX pads crop).
    const after = imageShape.map((s, i) => s + a.padding[i]![0]! - grid[i]! * k[i]!);
    const pads = [0, ...a.padding.map((q) => -q[0]!), 0, 0, ...after, 0];
    return pads.every((v) => v === 0) ? tiled : ctx.node('Pad', [tiled, ctx.ints(pads)]);
  }
  const padded = imageShape.map((s, i) => s + a.padding[i]![0]! + a.padding[i]![1]!);
  const cells = sizeOf(padded);
  const offsets = cellOffsets(padded, grid, a);
  const rows = offsets.length;
  const zero = ctx.constant([0], [1, 1, 1], dtype);
  let flat: string;
  if (n * rows <= MAX_BATCHED_SCATTER_ROWS && !ctx.batchFree) {
    // Indices (n, cell) address [N, cells, C] directly, so the patches need no transpose.
    const idx = new Array<number>(2 * n * rows);
    for (let b = 0, q = 0; b < n; b++) for (const o of offsets) { idx[q++] = b; idx[q++] = o; }
    const updates = ctx.node('Reshape', [p, ctx.ints([n, rows, c])]);
    const image = ctx.node('Expand', [zero, ctx.ints([n, cells, c])]);
    flat = ctx.node('ScatterND', [image, ctx.constant(idx, [n, rows, 2], 'int64'), updates], { reduction: 'add' });
  } else {
    const updates = ctx.node('Transpose', [ctx.node('Reshape', [p, ctx.ints([n, rows, c])])], { perm: [1, 0, 2] });
    const image = ctx.node('Expand', [zero, ctx.ints([cells, n, c])]);
    const sc = ctx.node('ScatterND', [image, ctx.constant(offsets, [rows, 1], 'int64'), updates], { reduction: 'add' });
    flat = ctx.node('Transpose', [sc], { perm: [1, 0, 2] });
  }
  const full = ctx.node('Reshape', [flat, ctx.ints([n, ...padded, c])]);
  if (a.padding.every((q) => q[0] === 0 && q[1] === 0)) return full;
  const begin = a.padding.map((q) => q[0]!);
  return ctx.node('Slice', [full, ctx.ints(begin), ctx.ints(begin.map((b, i) => b + imageShape[i]!)), ctx.ints(range(1, r + 1))]);
}
