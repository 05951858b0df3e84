import { OpError } from '../../core/errors.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { toFloat } from './common.js';
import { exp } from './exp.js';
import { greater } from './greater.js';
import { mul } from './mul.js';
import { sub } from './sub.js';
import { where } from './where.js';

/** x for x > 0, alpha·(e^x - 1) otherwise. */
export function elu(x: TensorLike, alpha = 1): Tensor {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
    throw new OpError('elu', `alpha must be a finite number. Received: alpha=${String(alpha)}`);
  }
  const t = toFloat(x);
  const pos = greater(t, 0);
  // exp only of the non-positive part: e^x of a large positive x would overflow to inf, and the
  // gradient of the unselected branch (0·inf) would then be NaN.
  const negPart = where(pos, 0, t);
  return where(pos, t, mul(sub(exp(negPart), 1), alpha));
}
