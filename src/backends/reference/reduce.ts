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

// Copied per `combine` by `specialize` (must stay self-contained).
function foldLoop(d: TypedArray, acc: Float64Array, idx: Int32Array | null, combine: (acc: number, v: number) => number): void {
  if (idx === null) {
    let a = acc[0]!;
    for (let i = 0; i < d.length; i++) a = combine(a, d[i]!);
    acc[0] = a;
  } else {
    for (let i = 0; i < d.length; i++) {
      const o = idx[i]!;
      acc[o] = combine(acc[o]!, d[i]!);
    }
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
  const all = axes.length === x.shape.length || outSize === 1;
  if (x.data.length > 0) specialize(combine, foldLoop)(x.data, acc, all ? null : reductionIndex(x.shape, axes), combine);
  const out = allocate(outDtype, outSize);
  out.set(acc);
  return out;
}
