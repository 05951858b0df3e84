/** Shared loop for reductions over any set of axes. */
import { allocate, type DType, type TypedArray } from '../../core/dtype.js';
import type { KernelInput } from '../../core/op.js';
import { sizeOf, stridesOf, type Shape } from '../../core/shape.js';
import { specialize } from './specialize.js';

/** Output shape of reducing `axes` of `shape` (keepDims keeps them as 1). */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

/**
 * For each input element, the flat index of the output element it reduces into.
 * Computed once per call; the reduction loops then run without index arithmetic.
 */
export function reductionIndex(shape: Shape, axes: readonly number[]): Int32Array {
  const n = sizeOf(shape);
  const rank = shape.length;
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outStrides = stridesOf(outShape).map((s, i) => (axes.includes(i) ? 0 : s));
  const idx = new Int32Array(n);
  const counter = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < n; i++) {
    idx[i] = o;
    for (let ax = rank - 1; ax >= 0; ax--) {
      counter[ax]!++;
      o += outStrides[ax]!;
      if (counter[ax]! < shape[ax]!) break;
      o -= outStrides[ax]! * shape[ax]!;
      counter[ax] = 0;
    }
  }
  return idx;
}

/**
 * When the reduced axes form one contiguous block (ignoring size-1 axes), the input is a
 * [outer, reduced, inner] array and the output [outer, inner]: no index table is needed.
 */
function contiguousBlock(shape: Shape, axes: readonly number[]): { outer: number; r: number; inner: number } | null {
  let outer = 1;
  let r = 1;
  let inner = 1;
  let phase = 0; // 0: before the block, 1: inside, 2: after
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (d === 1) continue;
    const reduced = axes.includes(i);
    if (reduced) {
      if (phase === 2) return null;
      phase = 1;
      r *= d;
    } else if (phase === 0) outer *= d;
    else {
      phase = 2;
      inner *= d;
    }
  }
  return { outer, r, inner };
}

// Copied per `combine` by `specialize` (must stay self-contained).
function foldBlock(d: TypedArray, acc: Float64Array, outer: number, r: number, inner: number, combine: (acc: number, v: number) => number): void {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let a = acc[o]!;
      const base = o * r;
      for (let p = 0; p < r; p++) a = combine(a, d[base + p]!);
      acc[o] = a;
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    const out = o * inner;
    for (let p = 0; p < r; p++) {
      const base = (o * r + p) * inner;
      for (let j = 0; j < inner; j++) acc[out + j] = combine(acc[out + j]!, d[base + j]!);
    }
  }
}

// Copied per `combine` by `specialize` (must stay self-contained).
function foldIndexed(d: TypedArray, acc: Float64Array, idx: Int32Array, combine: (acc: number, v: number) => number): void {
  for (let i = 0; i < d.length; i++) {
    const o = idx[i]!;
    acc[o] = combine(acc[o]!, d[i]!);
  }
}

/** Folds every input element into its output slot with `combine`, starting from `init`. */
export function reduce(
  x: KernelInput,
  axes: readonly number[],
  outDtype: DType,
  init: number,
  combine: (acc: number, v: number) => number,
): TypedArray {
  const outSize = sizeOf(reducedShape(x.shape, axes, false));
  const acc = new Float64Array(outSize).fill(init);
  if (x.data.length > 0) {
    const block = contiguousBlock(x.shape, axes);
    if (block) specialize(combine, foldBlock)(x.data, acc, block.outer, block.r, block.inner, combine);
    else specialize(combine, foldIndexed)(x.data, acc, reductionIndex(x.shape, axes), combine);
  }
  const out = allocate(outDtype, outSize);
  out.set(acc);
  return out;
}

export function axisLayout(shape: Shape, axis: number): { outer: number; n: number; inner: number } {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, n: shape[axis] ?? 1, inner };
}

/**
 * Index of the largest (or smallest) value along `axis`; the first one on ties, and the first NaN
 * if any (numpy's rule: NaN compares as the extreme). Scans the axis with the inner axes as the
 * contiguous loop.
 */
export function argReduce(x: KernelInput, axis: number, largest: boolean): Int32Array {
  const { outer, n, inner } = axisLayout(x.shape, axis);
  const d = x.data;
  const out = new Int32Array(outer * inner);
  const best = new Float64Array(inner);
  // Comparing s*v > s*b picks the max for s = 1 and the min for s = -1 with one loop.
  const s = largest ? 1 : -1;
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    const ob = o * inner;
    for (let j = 0; j < inner; j++) best[j] = d[base + j]!;
    for (let k = 1; k < n; k++) {
      const row = base + k * inner;
      for (let j = 0; j < inner; j++) {
        const v = d[row + j]!;
        const b = best[j]!;
        if (b === b && (v !== v || s * v > s * b)) {
          best[j] = v;
          out[ob + j] = k;
        }
      }
    }
  }
  return out;
}

/**
 * Running sum along `axis`. `exclusive` leaves the current element out (the first output is 0);
 * `reverse` runs from the end of the axis. Partial sums are kept in float64.
 */
export function cumulativeSum(x: KernelInput, axis: number, exclusive: boolean, reverse: boolean, outDtype: DType): TypedArray {
  const { outer, n, inner } = axisLayout(x.shape, axis);
  const d = x.data;
  const out = allocate(outDtype, d.length);
  const acc = new Float64Array(inner);
  const first = reverse ? n - 1 : 0;
  const step = reverse ? -inner : inner;
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    let row = o * n * inner + first * inner;
    for (let k = 0; k < n; k++, row += step) {
      if (exclusive) {
        for (let j = 0; j < inner; j++) {
          out[row + j] = acc[j]!;
          acc[j] += d[row + j]!;
        }
      } else {
        for (let j = 0; j < inner; j++) out[row + j] = acc[j] += d[row + j]!;
      }
    }
  }
  return out;
}
