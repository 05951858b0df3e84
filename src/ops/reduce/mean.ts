import { isFloat } from '../../core/dtype.js';
import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { cast } from '../elementwise/cast.js';
import { div } from '../elementwise/div.js';
import { reductionCount } from './common.js';
import { sum } from './sum.js';

/**
 * Mean over `axis` (all axes when omitted). A composite: sum, then one division of the (smaller)
 * result, so it costs what a primitive would and its gradient comes from sum's. Integer and bool
 * inputs give float32; an empty reduction gives NaN (0/0), as in numpy.
 */
export function mean(x: TensorLike, axis?: number | readonly number[] | null, keepDims = false): Tensor {
  const t = toTensor(x);
  const axes = normalizeAxes('mean', axis, t.rank);
  const xf = isFloat(t.dtype) ? t : cast(t, 'float32');
  const s = sum(xf, axes, keepDims);
  const n = reductionCount(t.shape, axes);
  return n === 1 ? s : div(s, n);
}
