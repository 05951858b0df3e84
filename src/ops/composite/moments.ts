import { normalizeAxes } from '../../core/shape.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { toFloat } from '../elementwise/common.js';
import { square } from '../elementwise/square.js';
import { sub } from '../elementwise/sub.js';
import { reshape } from '../shape/reshape.js';
import { mean } from '../reduce/mean.js';

export interface Moments {
  mean: Tensor;
  variance: Tensor;
}

/**
 * Mean and (population) variance over `axes` (all when omitted), like tf.nn.moments. The mean is
 * computed once and shared; the variance is the mean of squared deviations from it (two passes,
 * which does not cancel the way E[x²] - E[x]² does).
 */
export function moments(x: TensorLike, axes?: number | readonly number[] | null, keepDims = false): Moments {
  const t = toFloat(x);
  const ax = normalizeAxes('moments', axes, t.rank);
  const m = mean(t, ax, true);
  const variance = mean(square(sub(t, m)), ax, keepDims);
  return { mean: keepDims ? m : reshape(m, t.shape.filter((_, i) => !ax.includes(i))), variance };
}
