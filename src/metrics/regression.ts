/**
 * Regression metrics: weighted means of squared / absolute errors (RMSE: the root of the mean).
 * Values stay elementwise; the mean metric weights each by its sample's weight, which equals
 * Keras's mean over the last axis followed by the weighted mean over samples.
 */
import type { Tensor } from '../core/tensor.js';
import { abs } from '../ops/elementwise/abs.js';
import { cast } from '../ops/elementwise/cast.js';
import { square } from '../ops/elementwise/square.js';
import { sub } from '../ops/elementwise/sub.js';
import { squeezeOrExpandToSameRank } from '../losses/loss.js';
import { MeanMetricWrapper, registerMetric } from './metric.js';

const f32 = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));
/** yPred − yTrue after Keras's rank alignment ([B] targets for [B, 1] predictions). */
function diff(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = squeezeOrExpandToSameRank(f32(yTrue), f32(yPred));
  return sub(p, t);
}

export class MeanSquaredErrorMetric extends MeanMetricWrapper {
  override readonly className = 'MeanSquaredError';
  constructor({ name = 'mean_squared_error' }: { name?: string } = {}) {
    super((t, p) => square(diff(t, p)), name);
  }
}

export class MeanAbsoluteErrorMetric extends MeanMetricWrapper {
  override readonly className = 'MeanAbsoluteError';
  constructor({ name = 'mean_absolute_error' }: { name?: string } = {}) {
    super((t, p) => abs(diff(t, p)), name);
  }
}

export class RootMeanSquaredError extends MeanMetricWrapper {
  override readonly className = 'RootMeanSquaredError';
  constructor({ name = 'root_mean_squared_error' }: { name?: string } = {}) {
    super((t, p) => square(diff(t, p)), name);
  }
  override resultFrom(totals: readonly Float64Array[]): number {
    return Math.sqrt(super.resultFrom(totals));
  }
}

registerMetric('MeanSquaredError', ['mean_squared_error', 'mse'], (c) => new MeanSquaredErrorMetric(c as { name?: string }));
registerMetric('MeanAbsoluteError', ['mean_absolute_error', 'mae'], (c) => new MeanAbsoluteErrorMetric(c as { name?: string }));
registerMetric('RootMeanSquaredError', ['root_mean_squared_error', 'rmse'], (c) => new RootMeanSquaredError(c as { name?: string }));
