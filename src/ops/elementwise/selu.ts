import type { Tensor, TensorLike } from '../../core/tensor.js';
import { elu } from './elu.js';
import { mul } from './mul.js';

// Klambauer et al. 2017, the constants that make activations self-normalising.
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** scale·elu(x, alpha) with the fixed SELU constants. */
export function selu(x: TensorLike): Tensor {
  return mul(elu(x, SELU_ALPHA), SELU_SCALE);
}
