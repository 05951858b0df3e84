import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { floor } from './floor.js';
import { neg } from './neg.js';

/** Smallest integer ≥ x, keeping the dtype (composite: ceil(x) = -floor(-x)). */
export function ceil(x: TensorLike): Tensor {
  const t = toTensor(x);
  // Integers (and bools, which neg refuses) are their own ceiling.
  if (t.dtype !== 'float32' && t.dtype !== 'float64') return t;
  return neg(floor(neg(t)));
}
