import { isFloat } from '../../core/dtype.js';
import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { stopGradient } from '../../autograd/stop-gradient.js';
import { reducedShape } from '../../backends/reference/reduce.js';
import { add } from '../elementwise/add.js';
import { cast } from '../elementwise/cast.js';
import { exp } from '../elementwise/exp.js';
import { isFinite } from '../elementwise/is-finite.js';
import { log } from '../elementwise/log.js';
import { sub } from '../elementwise/sub.js';
import { where } from '../elementwise/where.js';
import { reshape } from '../shape/reshape.js';
import { reductionCount } from './common.js';
import { max } from './max.js';
import { sum } from './sum.js';

/**
 * log(sum(exp(x))) over `axis`, computed as m + log(sum(exp(x - m))) with m the max, so large
 * inputs do not overflow. The result does not depend on m, so m is held constant for the
 * gradient, which is then exactly softmax(x) (times the incoming gradient).
 */
export function logSumExp(x: TensorLike, axis?: number | readonly number[] | null, keepDims = false): Tensor {
  const t = toTensor(x);
  const axes = normalizeAxes('logSumExp', axis, t.rank);
  const xf = isFloat(t.dtype) ? t : cast(t, 'float32');
  // An empty slice has no max; its log-sum-exp is log(0) = -inf.
  if (reductionCount(t.shape, axes) === 0) return log(sum(exp(xf), axes, keepDims));
  const m = stopGradient(max(xf, axes, true));
  // An infinite max (a slice of -inf, or holding +inf) would give inf - inf = NaN: shift by 0 there.
  const shift = where(isFinite(m), m, 0);
  const lse = add(log(sum(exp(sub(xf, shift)), axes, true)), shift);
  return keepDims ? lse : reshape(lse, reducedShape(t.shape, axes, false));
}
