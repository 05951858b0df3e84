import { OpError, fmtShape } from '../../core/errors.js';
import { normalizeAxes, shapesEqual } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { add } from '../elementwise/add.js';
import { toFloat } from '../elementwise/common.js';
import { mul } from '../elementwise/mul.js';
import { rsqrt } from '../elementwise/rsqrt.js';
import { sub } from '../elementwise/sub.js';
import { reshape } from '../shape/reshape.js';
import { moments } from './moments.js';

export interface LayerNormOptions {
  /** The axis or axes normalised over (and that gamma/beta span). */
  axis?: number | readonly number[];
  epsilon?: number;
}

/**
 * (x - mean) / sqrt(variance + epsilon) over `axis`, then · gamma + beta. gamma and beta have the
 * shape of the normalised dimensions (e.g. [features] for axis -1), as Keras' LayerNormalization.
 * Either may be omitted (null or undefined).
 */
export function layerNorm(x: TensorLike, gamma?: TensorLike | null, beta?: TensorLike | null, opts: LayerNormOptions = {}): Tensor {
  const { axis = -1, epsilon = 1e-5 } = opts;
  if (typeof epsilon !== 'number' || !(epsilon >= 0)) {
    throw new OpError('layerNorm', `epsilon must be a non-negative number. Received: epsilon=${String(epsilon)}`);
  }
  const t = toFloat(x);
  const axes = normalizeAxes('layerNorm', axis, t.rank);
  const paramShape = axes.map((a) => t.shape[a]!);
  // Parameters laid out along the normalised axes, size 1 elsewhere, so they broadcast over x.
  const broadcastShape = t.shape.map((d, i) => (axes.includes(i) ? d : 1));
  const param = (name: string, p: TensorLike): Tensor => {
    const pt = toTensor(p, t.dtype);
    if (!shapesEqual(pt.shape, paramShape)) {
      throw new OpError('layerNorm', `${name} must have the shape of the normalised axes ${fmtShape(paramShape)} of x ${fmtShape(t.shape)}. Received: ${name} ${fmtShape(pt.shape)}`);
    }
    return reshape(pt, broadcastShape);
  };
  const g = gamma === undefined || gamma === null ? null : param('gamma', gamma);
  const b = beta === undefined || beta === null ? null : param('beta', beta);
  const { mean, variance } = moments(t, axes, true);
  let y = mul(sub(t, mean), rsqrt(add(variance, epsilon)));
  if (g) y = mul(y, g);
  if (b) y = add(y, b);
  return y;
}
