/** Shared loops for elementwise kernels: unary maps and numpy-broadcast binary maps. */
import { allocate, type DType, type TypedArray } from '../../core/dtype.js';
import type { KernelInput, TensorMeta } from '../../core/op.js';
import { sizeOf, type Shape } from '../../core/shape.js';

export function mapUnary(x: KernelInput, outDtype: DType, f: (v: number) => number): TypedArray {
  const n = x.data.length;
  const out = allocate(outDtype, n);
  const a = x.data;
  for (let i = 0; i < n; i++) out[i] = f(a[i]!);
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
 * Calls `body(outIndex, aIndex, bIndex)` for every output element, walking the broadcast
 * offsets incrementally (no division per element). The innermost axis runs in a tight loop.
 */
export function forEachBroadcast(aShape: Shape, bShape: Shape, outShape: Shape, body: (o: number, ia: number, ib: number) => void): void {
  const rank = outShape.length;
  const n = sizeOf(outShape);
  if (n === 0) return;
  if (rank === 0) {
    body(0, 0, 0);
    return;
  }
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const inner = outShape[rank - 1]!;
  const ia0 = sa[rank - 1]!;
  const ib0 = sb[rank - 1]!;
  const counter = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0; j < inner; j++) body(o + j, ia + j * ia0, ib + j * ib0);
    // advance the outer counter
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]!++;
      ia += sa[axis]!;
      ib += sb[axis]!;
      if (counter[axis]! < outShape[axis]!) break;
      ia -= sa[axis]! * outShape[axis]!;
      ib -= sb[axis]! * outShape[axis]!;
      counter[axis] = 0;
    }
  }
}

export function mapBinary(a: KernelInput, b: KernelInput, out: TensorMeta, f: (x: number, y: number) => number): TypedArray {
  const res = allocate(out.dtype, sizeOf(out.shape));
  const ad = a.data;
  const bd = b.data;
  const n = res.length;
  if (ad.length === n && bd.length === n) {
    for (let i = 0; i < n; i++) res[i] = f(ad[i]!, bd[i]!);
  } else if (bd.length === 1 && ad.length === n) {
    const y = bd[0]!;
    for (let i = 0; i < n; i++) res[i] = f(ad[i]!, y);
  } else if (ad.length === 1 && bd.length === n) {
    const x = ad[0]!;
    for (let i = 0; i < n; i++) res[i] = f(x, bd[i]!);
  } else {
    forEachBroadcast(a.shape, b.shape, out.shape, (o, ia, ib) => {
      res[o] = f(ad[ia]!, bd[ib]!);
    });
  }
  return res;
}
