import { OpError } from '../../core/errors.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { toFloat } from './common.js';
import { greater } from './greater.js';
import { mul } from './mul.js';
import { where } from './where.js';

/** x for x > 0, alpha·x otherwise (Keras' default alpha 0.2). */
export function leakyRelu(x: TensorLike, alpha = 0.2): Tensor {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
    throw new OpError('leakyRelu', `alpha must be a finite number. Received: alpha=${String(alpha)}`);
  }
  const t = toFloat(x);
  return where(greater(t, 0), t, mul(t, alpha));
}
