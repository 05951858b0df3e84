import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { square } from '../elementwise/square.js';
import { sub } from '../elementwise/sub.js';
import { checkReduction, perExampleMean, reduceLoss, sameShapeOperands, type LossOptions } from './loss-common.js';

/** mean((yPred - yTrue)²) over the last axis per example, then the reduction (Keras' MSE). */
export function meanSquaredError(yTrue: TensorLike, yPred: TensorLike, opts: LossOptions = {}): Tensor {
  const reduction = checkReduction('meanSquaredError', opts.reduction ?? 'mean');
  const [t, p] = sameShapeOperands('meanSquaredError', toTensor(yTrue), toTensor(yPred));
  return reduceLoss('meanSquaredError', perExampleMean(square(sub(p, t))), reduction);
}
