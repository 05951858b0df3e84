import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { abs } from '../elementwise/abs.js';
import { add } from '../elementwise/add.js';
import { clip } from '../elementwise/clip.js';
import { exp } from '../elementwise/exp.js';
import { log } from '../elementwise/log.js';
import { log1p } from '../elementwise/log1p.js';
import { maximum } from '../elementwise/maximum.js';
import { mul } from '../elementwise/mul.js';
import { neg } from '../elementwise/neg.js';
import { sub } from '../elementwise/sub.js';
import { EPSILON, checkReduction, perExampleMean, reduceLoss, sameShapeOperands, type Reduction } from './loss-common.js';

export interface BinaryCrossentropyOptions {
  /** yPred holds logits rather than probabilities. */
  fromLogits?: boolean;
  reduction?: Reduction;
}

/**
 * Binary cross-entropy, elementwise, averaged over the last axis per example (Keras).
 * From logits x with target z: max(x, 0) - x·z + log1p(exp(-|x|)), which never overflows (the
 * exp argument is ≤ 0) and whose gradient is sigmoid(x) - z everywhere, x = 0 included (maximum
 * splits its gradient at the tie, and |x|'s gradient there is 0). From probabilities, as Keras 3:
 * p clipped into [1e-7, 1 - 1e-7], then -(z·log p + (1 - z)·log(1 - p)).
 */
export function binaryCrossentropy(yTrue: TensorLike, yPred: TensorLike, opts: BinaryCrossentropyOptions = {}): Tensor {
  const reduction = checkReduction('binaryCrossentropy', opts.reduction ?? 'mean');
  const [z, x] = sameShapeOperands('binaryCrossentropy', toTensor(yTrue), toTensor(yPred));
  let elementwise: Tensor;
  if (opts.fromLogits) {
    elementwise = add(sub(maximum(x, 0), mul(x, z)), log1p(exp(neg(abs(x)))));
  } else {
    const p = clip(x, EPSILON, 1 - EPSILON);
    elementwise = neg(add(mul(z, log(p)), mul(sub(1, z), log(sub(1, p)))));
  }
  return reduceLoss('binaryCrossentropy', perExampleMean(elementwise), reduction);
}
