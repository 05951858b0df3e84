import { OpError, fmtShape } from '../../core/errors.js';
import { normalizeAxis, shapesEqual } from '../../core/shape.js';
import { Tensor, toTensor, type TensorLike } from '../../core/tensor.js';
import { concat } from './concat.js';
import { expandDims } from './expand-dims.js';

/** Joins same-shaped tensors along a new axis (in [-(rank+1), rank]). */
export function stack(xs: readonly TensorLike[], axis = 0): Tensor {
  if (xs.length === 0) throw new OpError('stack', 'needs at least one tensor. Received: []');
  const like = xs.find((x): x is Tensor => x instanceof Tensor)?.dtype;
  const ts = xs.map((x) => toTensor(x, like));
  const shape = ts[0]!.shape;
  if (!ts.every((t) => shapesEqual(t.shape, shape))) {
    throw new OpError('stack', `all tensors must have the same shape. Received: ${ts.map((t) => fmtShape(t.shape)).join(', ')}`);
  }
  if (!ts.every((t) => t.dtype === ts[0]!.dtype)) {
    throw new OpError('stack', `all tensors must have the same dtype. Received: ${ts.map((t) => t.dtype).join(', ')}`);
  }
  const a = normalizeAxis('stack', axis, shape.length + 1);
  return concat(ts.map((t) => expandDims(t, a)), a);
}
