/** Checks and helpers shared by the indexing ops. */
import { isInteger, type DType } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import type { TensorMeta } from '../../core/op.js';
import { Tensor, tensor, type TensorLike } from '../../core/tensor.js';
import { broadcastTo } from '../shape/broadcast-to.js';

/** Indices as a tensor: JS arrays become int32; tensors must already be int32 or int64. */
export function toIndices(indices: TensorLike): Tensor {
  if (indices instanceof Tensor) return indices;
  return tensor(indices, undefined, 'int32');
}

export function checkIndexDtype(op: string, indices: TensorMeta): void {
  if (!isInteger(indices.dtype)) {
    throw new OpError(op, `indices must be int32 or int64. Received: ${indices.dtype}`);
  }
}

/**
 * Resolves one index against an axis of size `n` (negative counts from the end). Out-of-range
 * indices throw at run time, naming the op and the index: never silently wrong values.
 */
export function resolveIndex(op: string, v: number, n: number, axis: number): number {
  const i = v < 0 ? v + n : v;
  if (!(i >= 0 && i < n)) {
    throw new OpError(op, `index ${v} is out of range for axis ${axis} of size ${n} (valid: ${-n} to ${n - 1})`);
  }
  return i;
}

/** A zero tensor of `shape`, as a broadcast scalar (cheap in any backend's graph). */
export function zerosOf(shape: readonly number[], dtype: DType): Tensor {
  return broadcastTo(tensor(0, [], dtype), shape);
}
