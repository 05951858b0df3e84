/**
 * Shared by takeAlongAxis and scatterAdd (ONNX GatherElements / ScatterElements): both pair each
 * position p of `indices` with x[p with p[axis] replaced by indices[p]].
 */
import { fmtShape, OpError } from '../../core/errors.js';
import type { KernelInput, TensorMeta } from '../../core/op.js';
import { stridesOf } from '../../core/shape.js';
import { stridedRows, type StridedRows } from '../shape/strided-rows.js';
import { checkIndexDtype } from './common.js';

/** Same rank, integer indices, indices.shape[d] <= x.shape[d] off the axis. */
export function checkElements(op: string, x: TensorMeta, indices: TensorMeta, axis: number): void {
  checkIndexDtype(op, indices);
  const r = x.shape.length;
  if (r === 0) throw new OpError(op, 'x must have at least one axis. Received: shape=[]');
  if (!Number.isInteger(axis) || axis < 0 || axis >= r) {
    throw new OpError(op, `axis must be in [0, ${r - 1}] for ${fmtShape(x.shape)}. Received: axis=${axis}`);
  }
  const fits = indices.shape.length === r && indices.shape.every((d, i) => i === axis || d <= x.shape[i]!);
  if (!fits) {
    throw new OpError(op, `indices must have the rank of x and no larger dimensions off axis ${axis}. Received: x ${fmtShape(x.shape)}, indices ${fmtShape(indices.shape)}`);
  }
}

/**
 * Row offsets into x for every row of `indices`, with the axis contributing nothing: the kernel
 * adds `index * axisStride` per element.
 */
export function elementRows(x: KernelInput | TensorMeta, indices: TensorMeta, axis: number): StridedRows & { axisStride: number } {
  const xs = stridesOf(x.shape);
  const axisStride = xs[axis]!;
  xs[axis] = 0;
  return { ...stridedRows(indices.shape, xs), axisStride };
}
