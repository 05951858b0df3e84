import { OpError, fmtShape } from '../../core/errors.js';
import { broadcastShapes, shapesEqual } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { add } from '../elementwise/add.js';
import { toFloat } from '../elementwise/common.js';
import { mul } from '../elementwise/mul.js';
import { neg } from '../elementwise/neg.js';
import { rsqrt } from '../elementwise/rsqrt.js';
import { sub } from '../elementwise/sub.js';

/**
 * Normalises x with given statistics, like tf.nn.batch_normalization:
 * (x - mean) · scale / sqrt(variance + epsilon) + offset. The parameters broadcast over x
 * (e.g. [channels] for channels-last x). Computed as x·inv + (offset - mean·inv) with
 * inv = scale / sqrt(variance + epsilon), so only two ops run over x itself.
 */
export function batchNorm(
  x: TensorLike, mean: TensorLike, variance: TensorLike,
  offset?: TensorLike | null, scale?: TensorLike | null, epsilon = 1e-3,
): Tensor {
  if (typeof epsilon !== 'number' || !(epsilon >= 0)) {
    throw new OpError('batchNorm', `epsilon must be a non-negative number. Received: epsilon=${String(epsilon)}`);
  }
  const t = toFloat(x);
  const param = (name: string, p: TensorLike): Tensor => {
    const pt = toTensor(p, t.dtype);
    let ok = false;
    try {
      ok = shapesEqual(broadcastShapes('batchNorm', pt.shape, t.shape), t.shape);
    } catch {
      ok = false;
    }
    if (!ok) throw new OpError('batchNorm', `${name} must broadcast to x's shape ${fmtShape(t.shape)}. Received: ${name} ${fmtShape(pt.shape)}`);
    return pt;
  };
  const m = param('mean', mean);
  let inv = rsqrt(add(param('variance', variance), epsilon));
  if (scale !== undefined && scale !== null) inv = mul(inv, param('scale', scale));
  const shift = offset !== undefined && offset !== null ? sub(param('offset', offset), mul(m, inv)) : neg(mul(m, inv));
  return add(mul(t, inv), shift);
}
