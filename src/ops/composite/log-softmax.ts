import { normalizeAxis } from '../../core/shape.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { sub } from '../elementwise/sub.js';
import { toFloat } from '../elementwise/common.js';
import { logSumExp } from '../reduce/log-sum-exp.js';

/**
 * x - logSumExp(x) along `axis`: finite for any finite logits (logSumExp shifts by the max),
 * where log(softmax(x)) would give -inf once a probability underflows.
 */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const t = toFloat(x);
  const a = normalizeAxis('logSoftmax', axis, t.rank);
  return sub(t, logSumExp(t, a, true));
}
