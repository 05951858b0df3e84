import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { mul } from './mul.js';

/** x * x, keeping the dtype. */
export function square(x: TensorLike): Tensor {
  const t = toTensor(x);
  return mul(t, t);
}
