import { normalizeAxis } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { reshape } from './reshape.js';

/** Inserts a size-1 axis at `axis` (in [-(rank+1), rank]; -1 appends). */
export function expandDims(x: TensorLike, axis = 0): Tensor {
  const t = toTensor(x);
  const a = normalizeAxis('expandDims', axis, t.rank + 1);
  const shape = [...t.shape];
  shape.splice(a, 0, 1);
  return reshape(t, shape);
}
