import { normalizeAxis } from '../../core/shape.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { stopGradient } from '../../autograd/stop-gradient.js';
import { div } from '../elementwise/div.js';
import { exp } from '../elementwise/exp.js';
import { sub } from '../elementwise/sub.js';
import { toFloat } from '../elementwise/common.js';
import { max } from '../reduce/max.js';
import { sum } from '../reduce/sum.js';

/**
 * exp(x) / sum(exp(x)) along `axis`, computed on x - max(x) so large logits do not overflow.
 * Softmax does not depend on the shift, so the max is held constant for the gradient: the
 * gradient is exactly that of the unshifted formula, without routing through max's ties.
 */
export function softmax(x: TensorLike, axis = -1): Tensor {
  const t = toFloat(x);
  const a = normalizeAxis('softmax', axis, t.rank);
  const e = exp(sub(t, stopGradient(max(t, a, true))));
  return div(e, sum(e, a, true));
}
