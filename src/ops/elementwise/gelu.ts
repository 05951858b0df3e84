import { OpError } from '../../core/errors.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { add } from './add.js';
import { toFloat } from './common.js';
import { erf } from './erf.js';
import { mul } from './mul.js';
import { tanh } from './tanh.js';

const SQRT_HALF = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * Gaussian error linear unit, x·Φ(x). Exact: 0.5·x·(1 + erf(x/√2)); with `approximate` the tanh
 * form 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) used by GPT-2 and Keras' approximate=True.
 */
export function gelu(x: TensorLike, approximate = false): Tensor {
  if (typeof approximate !== 'boolean') {
    throw new OpError('gelu', `approximate must be true or false. Received: approximate=${String(approximate)}`);
  }
  const t = toFloat(x);
  const inner = approximate
    ? tanh(mul(add(t, mul(mul(mul(t, t), t), 0.044715)), SQRT_2_OVER_PI))
    : erf(mul(t, SQRT_HALF));
  return mul(mul(t, 0.5), add(inner, 1));
}
