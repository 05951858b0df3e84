/**
 * Row walker shared by the slicing and indexing kernels. An output of `shape` is read from (or
 * written into) a buffer through arbitrary per-axis `strides` starting at `base`; this returns the
 * buffer offset at the start of every output row (a row = the last axis), so kernels copy rows
 * with a plain strided inner loop and do no index arithmetic per element.
 */
import { sizeOf, type Shape } from '../../core/shape.js';

export interface StridedRows {
  /** Buffer offset of the first element of each row, in row-major order of `shape`. */
  readonly offsets: Float64Array;
  /** Length of a row (the last dimension; 1 for scalars). */
  readonly inner: number;
  /** Buffer step between consecutive elements of a row. */
  readonly innerStride: number;
}

export function stridedRows(shape: Shape, strides: readonly number[], base = 0): StridedRows {
  const rank = shape.length;
  if (rank === 0) return { offsets: Float64Array.of(base), inner: 1, innerStride: 0 };
  const inner = shape[rank - 1]!;
  const nRows = inner === 0 ? 0 : sizeOf(shape) / inner;
  const offsets = new Float64Array(nRows);
  const counter = new Array<number>(rank).fill(0);
  let off = base;
  for (let r = 0; r < nRows; r++) {
    offsets[r] = off;
    // Odometer over the outer axes: step the last one, carry into earlier ones.
    for (let ax = rank - 2; ax >= 0; ax--) {
      counter[ax]!++;
      off += strides[ax]!;
      if (counter[ax]! < shape[ax]!) break;
      off -= strides[ax]! * shape[ax]!;
      counter[ax] = 0;
    }
  }
  return { offsets, inner, innerStride: strides[rank - 1]! };
}
