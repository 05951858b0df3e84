/** Shared loops for elementwise kernels: unary maps and numpy-broadcast binary maps. */
import { allocate, type DType, type TypedArray } from '../../core/dtype.js';
import type { KernelInput, TensorMeta } from '../../core/op.js';
import { sizeOf, type Shape } from '../../core/shape.js';
import { specialize } from './specialize.js';

// The loop templates below are copied per scalar function by `specialize`: they must be
// self-contained (no references to module scope).

function unaryLoop(a: TypedArray, out: TypedArray, f: (v: number) => number): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = f(a[i]!);
}

function binaryLoop(a: TypedArray, b: TypedArray, out: TypedArray, f: (x: number, y: number) => number): void {
  const n = out.length;
  if (a.length === n && b.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!);
  } else if (b.length === 1) {
    const y = b[0]!;
    for (let i = 0; i < n; i++) out[i] = f(a[i]!, y);
  } else {
    const x = a[0]!;
    for (let i = 0; i < n; i++) out[i] = f(x, b[i]!);
  }
}

/** General broadcast: `inner` contiguous output elements per row, input offsets per row given. */
function broadcastLoop(
  a: TypedArray, b: TypedArray, out: TypedArray, f: (x: number, y: number) => number,
  rowA: Int32Array, rowB: Int32Array, inner: number, strideA: number, strideB: number,
): void {
  const rows = rowA.length;
  for (let r = 0; r < rows; r++) {
    const o = r * inner;
    const ia = rowA[r]!;
    const ib = rowB[r]!;
    for (let j = 0; j < inner; j++) out[o + j] = f(a[ia + j * strideA]!, b[ib + j * strideB]!);
  }
}

export function mapUnary(x: KernelInput, outDtype: DType, f: (v: number) => number): TypedArray {
  const out = allocate(outDtype, x.data.length);
  specialize(f, unaryLoop)(x.data, out, f);
  return out;
}

/** Strides of `shape` viewed inside `outShape` under broadcasting (0 along broadcast axes). */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const axis = rank - shape.length + i;
    strides[axis] = shape[i] === 1 ? 0 : s;
    s *= shape[i]!;
  }
  return strides;
}

/**
 * Offsets of each input at the start of every output row (a row = the last output axis),
 * so broadcast loops need no index arithmetic per element.
 */
export function broadcastRows(shapes: readonly Shape[], outShape: Shape): { rows: Int32Array[]; inner: number; innerStrides: number[] } {
  const rank = outShape.length;
  const inner = rank === 0 ? 1 : outShape[rank - 1]!;
  const nRows = inner === 0 ? 0 : sizeOf(outShape) / inner;
  const strides = shapes.map((s) => broadcastStrides(s, outShape));
  const rows = shapes.map(() => new Int32Array(nRows));
  const counter = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  const offs = shapes.map(() => 0);
  for (let r = 0; r < nRows; r++) {
    for (let k = 0; k < shapes.length; k++) rows[k]![r] = offs[k]!;
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]!++;
      for (let k = 0; k < shapes.length; k++) offs[k]! += strides[k]![axis]!;
      if (counter[axis]! < outShape[axis]!) break;
      for (let k = 0; k < shapes.length; k++) offs[k]! -= strides[k]![axis]! * outShape[axis]!;
      counter[axis] = 0;
    }
  }
  return { rows, inner, innerStrides: strides.map((s) => (rank === 0 ? 0 : s[rank - 1]!)) };
}

export function mapBinary(a: KernelInput, b: KernelInput, out: TensorMeta, f: (x: number, y: number) => number): TypedArray {
  const res = allocate(out.dtype, sizeOf(out.shape));
  const n = res.length;
  if (n === 0) return res;
  const ad = a.data;
  const bd = b.data;
  if ((ad.length === n && bd.length === n) || (ad.length === n && bd.length === 1) || (ad.length === 1 && bd.length === n)) {
    specialize(f, binaryLoop)(ad, bd, res, f);
  } else {
    const { rows, inner, innerStrides } = broadcastRows([a.shape, b.shape], out.shape);
    specialize(f, broadcastLoop)(ad, bd, res, f, rows[0]!, rows[1]!, inner, innerStrides[0]!, innerStrides[1]!);
  }
  return res;
}
