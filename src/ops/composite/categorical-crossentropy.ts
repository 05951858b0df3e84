import { normalizeAxis } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { clip } from '../elementwise/clip.js';
import { div } from '../elementwise/div.js';
import { log } from '../elementwise/log.js';
import { mul } from '../elementwise/mul.js';
import { neg } from '../elementwise/neg.js';
import { sum } from '../reduce/sum.js';
import { logSoftmax } from './log-softmax.js';
import { EPSILON, checkReduction, reduceLoss, sameShapeOperands, type Reduction } from './loss-common.js';

export interface CrossentropyOptions {
  /** yPred holds logits (unnormalised scores) rather than probabilities. */
  fromLogits?: boolean;
  /** The class axis of yPred. */
  axis?: number;
  reduction?: Reduction;
}

/**
 * Log-probabilities of the class distribution in yPred along `axis`. From logits: logSoftmax
 * (finite for any finite logits). From probabilities, as Keras does: rescale so each row sums to
 * 1, clip into [1e-7, 1 - 1e-7], take the log.
 */
export function classLogProbs(yPred: Tensor, axis: number, fromLogits: boolean): Tensor {
  if (fromLogits) return logSoftmax(yPred, axis);
  const p = div(yPred, sum(yPred, axis, true));
  return log(clip(p, EPSILON, 1 - EPSILON));
}

/**
 * -sum(yTrue · log p) over the class axis, yTrue a distribution (one-hot or soft labels) of
 * yPred's shape. Per-example losses have yPred's shape without the class axis.
 */
export function categoricalCrossentropy(yTrue: TensorLike, yPred: TensorLike, opts: CrossentropyOptions = {}): Tensor {
  const { fromLogits = false, axis = -1 } = opts;
  const reduction = checkReduction('categoricalCrossentropy', opts.reduction ?? 'mean');
  const [t, p] = sameShapeOperands('categoricalCrossentropy', toTensor(yTrue), toTensor(yPred));
  const a = normalizeAxis('categoricalCrossentropy', axis, p.rank);
  const perExample = neg(sum(mul(t, classLogProbs(p, a, fromLogits)), a));
  return reduceLoss('categoricalCrossentropy', perExample, reduction);
}
