import { OpError } from '../../core/errors.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { abs } from '../elementwise/abs.js';
import { lessEqual } from '../elementwise/less-equal.js';
import { mul } from '../elementwise/mul.js';
import { square } from '../elementwise/square.js';
import { sub } from '../elementwise/sub.js';
import { where } from '../elementwise/where.js';
import { checkReduction, perExampleMean, reduceLoss, sameShapeOperands, type Reduction } from './loss-common.js';

export interface HuberOptions {
  /** Where the loss turns from quadratic to linear. */
  delta?: number;
  reduction?: Reduction;
}

/**
 * Huber loss (Keras): with e = yPred - yTrue, ½e² where |e| ≤ delta, delta·|e| - ½delta²
 * beyond; averaged over the last axis per example. Both pieces meet with equal slope at
 * |e| = delta, so the gradient is continuous.
 */
export function huber(yTrue: TensorLike, yPred: TensorLike, opts: HuberOptions = {}): Tensor {
  const { delta = 1 } = opts;
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) {
    throw new OpError('huber', `delta must be a finite positive number. Received: delta=${String(delta)}`);
  }
  const reduction = checkReduction('huber', opts.reduction ?? 'mean');
  const [t, p] = sameShapeOperands('huber', toTensor(yTrue), toTensor(yPred));
  const e = sub(p, t);
  const a = abs(e);
  const elementwise = where(lessEqual(a, delta), mul(square(e), 0.5), sub(mul(a, delta), 0.5 * delta * delta));
  return reduceLoss('huber', perExampleMean(elementwise), reduction);
}
