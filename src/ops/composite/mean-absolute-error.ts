import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { abs } from '../elementwise/abs.js';
import { sub } from '../elementwise/sub.js';
import { checkReduction, perExampleMean, reduceLoss, sameShapeOperands, type LossOptions } from './loss-common.js';

/** mean(|yPred - yTrue|) over the last axis per example, then the reduction (Keras' MAE). */
export function meanAbsoluteError(yTrue: TensorLike, yPred: TensorLike, opts: LossOptions = {}): Tensor {
  const reduction = checkReduction('meanAbsoluteError', opts.reduction ?? 'mean');
  const [t, p] = sameShapeOperands('meanAbsoluteError', toTensor(yTrue), toTensor(yPred));
  return reduceLoss('meanAbsoluteError', perExampleMean(abs(sub(p, t))), reduction);
}
