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

/** Whether windows overlap or leave gaps (so col2im must sum), rather than tile the image. */
export function windowsOverlap(a: WindowAttrs): boolean {
  return !a.kernelSize.every((k, i) => a.strides[i] === k && a.dilations[i] === 1);
}

/**
 * col2im, the adjoint of gatherPatches: patches [N, grid..., kernel..., C] summed into the image
 * [N, imageShape..., C]. Non-overlapping windows (stride = kernel, no dilation) are a pure
 * rearrangement (Transpose + Pad); otherwise the patches are laid out as kernel rows (see
 * col2imFromKernelRows; one transpose and a zero block) and summed there. Callers that can
 * produce kernel rows directly (convTranspose) skip that copy.
 */
export function scatterPatches(ctx: OnnxContext, p: string, pShape: readonly number[], imageShape: readonly number[], a: WindowAttrs): string {
  const r = imageShape.length;
  const n = pShape[0]!;
  const c = pShape[2 * r + 1]!;
  const grid = pShape.slice(1, 1 + r);
  const k = a.kernelSize;
  if (!windowsOverlap(a)) {
    // Window cell (o, t) is padded-image cell o·k + t: interleave the grid and kernel axes.
    const perm = [0, ...range(0, r).flatMap((i) => [1 + i, 1 + r + i]), 2 * r + 1];
    const tiled = ctx.node('Reshape', [ctx.node('Transpose', [p], { perm }), ctx.ints([n, ...grid.map((g, i) => g * k[i]!), c])]);
    // Drop the padding before; crop or zero-fill the end (negative ONNX pads crop).
    const after = imageShape.map((s, i) => s + a.padding[i]![0]! - grid[i]! * k[i]!);
    const pads = [0, ...a.padding.map((q) => -q[0]!), 0, 0, ...after, 0];
    return pads.every((v) => v === 0) ? tiled : ctx.node('Pad', [tiled, ctx.ints(pads)]);
  }
  const g = sizeOf(grid);
  const kp = sizeOf(k);
  // [N, G, KP, C] → [KP, G, N, C], plus one zero block per kernel cell: rows of N·C.
  const kernelMajor = ctx.node('Transpose', [ctx.node('Reshape', [p, ctx.ints([-1, g, kp, c])])], { perm: [2, 1, 0, 3] });
  const rows = ctx.node('Pad', [kernelMajor, ctx.ints([0, 0, 0, 0, 0, 1, 0, 0])]);
  return col2imFromKernelRows(ctx, rows, c, grid, imageShape, a);
}

/**
 * col2im from kernel rows: `rows` [KP, G + 1, N, C] holds, for kernel cell k and grid position g,
 * the values that window g puts at its cell k (for the whole batch at once), with a zero block at
 * g = G. Every image cell gathers the rows that land on it — padded with the zero block to the
 * most any cell receives — and sums them: [cells, most, N·C] → [N, image..., C].
 *
 * Why not ScatterND with reduction 'add' (one node, and fast): ONNX Runtime's CPU kernel runs its
 * rows in parallel with plain `+=`, so two rows landing on one cell in different threads race, and
 * gradients came out wrong now and then (test/ops/conv.test.ts caught it). A Gather has no such race.
 */
export function col2imFromKernelRows(ctx: OnnxContext, rows: string, c: number, grid: readonly number[], imageShape: readonly number[], a: WindowAttrs): string {
  const table = contributorTable(grid, imageShape, a);
  const flat = ctx.node('Reshape', [rows, ctx.ints([sizeOf(a.kernelSize) * (sizeOf(grid) + 1), -1])]);
  let summed: string;
  if (table.most === 1) summed = ctx.node('Gather', [flat, ctx.constant(table.rows, [table.cells], 'int64')], { axis: 0 });
  else {
    const gathered = ctx.node('Gather', [flat, ctx.constant(table.rows, [table.cells, table.most], 'int64')], { axis: 0 });
    summed = ctx.node('ReduceSum', [gathered, ctx.ints([1])], { keepdims: 0 });
  }
  // -1 for the batch: the same nodes serve a batch-free export.
  const image = ctx.node('Transpose', [ctx.node('Reshape', [summed, ctx.ints([table.cells, -1, c])])], { perm: [1, 0, 2] });
  return ctx.node('Reshape', [image, ctx.ints([-1, ...imageShape, c])]);
}

/**
 * For every image cell (row-major), the kernel rows that land on it (index k·(G+1) + g), padded
 * with the zero row (index G) to the most any cell receives.
 */
function contributorTable(grid: readonly number[], imageShape: readonly number[], a: WindowAttrs): { rows: number[]; cells: number; most: number } {
  const r = grid.length;
  const g = sizeOf(grid);
  // Per axis and image coordinate: the (grid index, kernel index) pairs whose cell it is.
  const perAxis = range(0, r).map((i) => range(0, imageShape[i]!).map((x) => {
    const padded = x + a.padding[i]![0]!;
    const pairs: [number, number][] = [];
    for (let t = 0; t < a.kernelSize[i]!; t++) {
      const start = padded - t * a.dilations[i]!;
      if (start >= 0 && start % a.strides[i]! === 0 && start / a.strides[i]! < grid[i]!) pairs.push([start / a.strides[i]!, t]);
    }
    return pairs;
  }));
  const cells = sizeOf(imageShape);
  const lists: number[][] = [];
  let most = 1;
  const gridStride = grid.map((_, i) => sizeOf(grid.slice(i + 1)));
  const kernelStride = a.kernelSize.map((_, i) => sizeOf(a.kernelSize.slice(i + 1)));
  const visit = (axis: number, coords: number[]): void => {
    if (axis === r) {
      let combos: [number, number][] = [[0, 0]];
      coords.forEach((x, i) => {
        combos = combos.flatMap(([go, ko]) => perAxis[i]![x]!.map(([gi, ki]) => [go + gi * gridStride[i]!, ko + ki * kernelStride[i]!] as [number, number]));
      });
      lists.push(combos.map(([go, ko]) => ko * (g + 1) + go));
      most = Math.max(most, combos.length);
      return;
    }
    for (let x = 0; x < imageShape[axis]!; x++) visit(axis + 1, [...coords, x]);
  };
  visit(0, []);
  const rows = new Array<number>(cells * most);
  lists.forEach((list, cell) => {
    for (let j = 0; j < most; j++) rows[cell * most + j] = list[j] ?? g;
  });
  return { rows, cells, most };
}
