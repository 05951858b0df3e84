import { OpError } from '../../core/errors.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { broadcastAll } from './common.js';
import { greater } from './greater.js';
import { less } from './less.js';
import { where } from './where.js';

/**
 * Limits x to [min, max] (numbers or broadcasting tensors). Composite of two selects rather than
 * maximum/minimum so that the gradient is exactly 1 on the closed interval and 0 outside (where
 * it flows to the bound that was picked), as PyTorch's clamp; NaN stays NaN.
 */
export function clip(x: TensorLike, min: TensorLike, max: TensorLike): Tensor {
  for (const [name, v] of [['min', min], ['max', max]] as const) {
    if (typeof v === 'number' && Number.isNaN(v)) throw new OpError('clip', `${name} must be a number, not NaN. Received: ${name}=NaN`);
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    throw new OpError('clip', `min must be ≤ max. Received: min=${min}, max=${max}`);
  }
  const t = toTensor(x);
  const lo = toTensor(min, t.dtype);
  const hi = toTensor(max, t.dtype);
  broadcastAll('clip', [t.shape, lo.shape, hi.shape]);
  return where(less(t, lo), lo, where(greater(t, hi), hi, t));
}
