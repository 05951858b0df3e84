import { isFloat } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { cast } from '../elementwise/cast.js';
import { div } from '../elementwise/div.js';
import { mul } from '../elementwise/mul.js';
import { sub } from '../elementwise/sub.js';
import { reductionCount } from './common.js';
import { mean } from './mean.js';
import { sum } from './sum.js';

export interface VarianceOptions {
  /** Delta degrees of freedom: the sum of squares is divided by N - ddof (1 = unbiased estimate). */
  ddof?: number;
}

/** Shared by variance and std, with the caller's name in errors. */
export function varianceOf(op: string, x: TensorLike, axis: number | readonly number[] | null | undefined, keepDims: boolean, ddof: number): Tensor {
  if (typeof ddof !== 'number' || !Number.isFinite(ddof) || ddof < 0) {
    throw new OpError(op, `ddof must be a finite non-negative number. Received: ddof=${String(ddof)}`);
  }
  const t = toTensor(x);
  const axes = normalizeAxes(op, axis, t.rank);
  const xf = isFloat(t.dtype) ? t : cast(t, 'float32');
  // Two passes (mean, then squared deviations) instead of E[x²] - E[x]², which cancels badly.
  const d = sub(xf, mean(xf, axes, true));
  // N - ddof ≤ 0 gives inf or NaN, as numpy does.
  return div(sum(mul(d, d), axes, keepDims), Math.max(reductionCount(t.shape, axes) - ddof, 0));
}

/** Variance over `axis` (all axes when omitted); population variance unless `ddof` is set. */
export function variance(x: TensorLike, axis?: number | readonly number[] | null, keepDims = false, { ddof = 0 }: VarianceOptions = {}): Tensor {
  return varianceOf('variance', x, axis, keepDims, ddof);
}
