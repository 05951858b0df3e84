import { isFloat, isInteger } from '../../core/dtype.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { normalizeAxis, shapesEqual } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { cast } from '../elementwise/cast.js';
import { neg } from '../elementwise/neg.js';
import { takeAlongAxis } from '../indexing/take-along-axis.js';
import { expandDims } from '../shape/expand-dims.js';
import { squeeze } from '../shape/squeeze.js';
import { classLogProbs, type CrossentropyOptions } from './categorical-crossentropy.js';
import { checkReduction, reduceLoss } from './loss-common.js';

/** Class labels as int32 of yPred's shape without the class axis (a size-1 class axis is dropped). */
function labelsOf(yTrue: Tensor, predShape: readonly number[], axis: number): Tensor {
  const batch = predShape.filter((_, i) => i !== axis);
  let labels = yTrue;
  if (labels.rank === predShape.length && labels.shape[axis] === 1) labels = squeeze(labels, axis);
  if (!shapesEqual(labels.shape, batch)) {
    throw new OpError('sparseCategoricalCrossentropy', `yTrue must hold one class index per example, of shape ${fmtShape(batch)} (yPred ${fmtShape(predShape)} without the class axis ${axis}). Received: yTrue ${fmtShape(yTrue.shape)}`);
  }
  if (!isInteger(labels.dtype) && !isFloat(labels.dtype)) {
    throw new OpError('sparseCategoricalCrossentropy', `yTrue must hold class indices (int or float). Received: dtype=${labels.dtype}`);
  }
  // Labels already computed are checked now (with the loss named); pending ones are checked when
  // computed by takeAlongAxis's kernel, with negative indices disabled.
  const data = yTrue._resolve()._data;
  if (data) {
    const n = predShape[axis]!;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (!(v >= 0 && v < n) || !Number.isInteger(v)) {
        throw new OpError('sparseCategoricalCrossentropy', `class indices must be integers in [0, ${n - 1}]. Received: ${v} at position ${i}`);
      }
    }
  }
  return labels.dtype === 'int32' || labels.dtype === 'int64' ? labels : cast(labels, 'int32');
}

/**
 * -log p[label] with integer class labels: yTrue has yPred's shape without the class axis
 * (or with it of size 1, as Keras allows). Per-example losses have the labels' shape.
 */
export function sparseCategoricalCrossentropy(yTrue: TensorLike, yPred: TensorLike, opts: CrossentropyOptions = {}): Tensor {
  const { fromLogits = false, axis = -1 } = opts;
  const reduction = checkReduction('sparseCategoricalCrossentropy', opts.reduction ?? 'mean');
  const p0 = toTensor(yPred);
  const p = isFloat(p0.dtype) ? p0 : cast(p0, 'float32');
  const a = normalizeAxis('sparseCategoricalCrossentropy', axis, p.rank);
  const labels = labelsOf(toTensor(yTrue), p.shape, a);
  const logp = classLogProbs(p, a, fromLogits);
  const picked = squeeze(takeAlongAxis(logp, expandDims(labels, a), a, { negativeIndices: false }), a);
  return reduceLoss('sparseCategoricalCrossentropy', neg(picked), reduction);
}
