/** What the loss composites share: the reduction of per-example losses and input checks. */
import { isFloat } from '../../core/dtype.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { shapesEqual } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { cast } from '../elementwise/cast.js';
import { mean } from '../reduce/mean.js';
import { sum } from '../reduce/sum.js';

/**
 * 'mean': the mean of the per-example losses (Keras' sum_over_batch_size); 'sum': their sum;
 * 'none': the per-example losses themselves (shape = the batch dimensions).
 */
export type Reduction = 'mean' | 'sum' | 'none';

export interface LossOptions {
  reduction?: Reduction;
}

export function reduceLoss(op: string, perExample: Tensor, reduction: Reduction): Tensor {
  switch (reduction) {
    case 'mean': return mean(perExample);
    case 'sum': return sum(perExample);
    case 'none': return perExample;
    default:
      throw new OpError(op, `reduction must be 'mean', 'sum' or 'none'. Received: reduction=${String(reduction)}`);
  }
}

/** Checks the reduction early, before any graph is built. */
export function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new OpError(op, `reduction must be 'mean', 'sum' or 'none'. Received: reduction=${String(reduction)}`);
  }
  return reduction;
}

/** Predictions as float (ints become float32) and targets cast to their dtype, of the same shape. */
export function sameShapeOperands(op: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  if (!shapesEqual(yTrue.shape, yPred.shape)) {
    throw new OpError(op, `yTrue and yPred must have the same shape. Received: yTrue ${fmtShape(yTrue.shape)}, yPred ${fmtShape(yPred.shape)}`);
  }
  const p = isFloat(yPred.dtype) ? yPred : cast(yPred, 'float32');
  return [yTrue.dtype === p.dtype ? yTrue : cast(yTrue, p.dtype), p];
}

/** Keras' fuzz factor: probabilities are clipped to [EPSILON, 1 - EPSILON] before the log. */
export const EPSILON = 1e-7;

/**
 * Per-example values of an elementwise loss: the mean over the last axis (Keras' convention for
 * [batch, ..., features]); a rank-0 or rank-1 input is taken as one value per example.
 */
export function perExampleMean(elementwise: Tensor): Tensor {
  return elementwise.rank <= 1 ? elementwise : mean(elementwise, -1);
}
