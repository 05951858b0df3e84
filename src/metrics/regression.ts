/** Regression metrics: weighted means of squared / absolute errors (RMSE: the root of the mean). */
import type { Tensor } from '../core/tensor.js';
import { abs } from '../ops/elementwise/abs.js';
import { cast } from '../ops/elementwise/cast.js';
import { square } from '../ops/elementwise/square.js';
import { sub } from '../ops/elementwise/sub.js';
import { mean } from '../ops/reduce/mean.js';
import { MeanMetricWrapper, registerMetric } from './metric.js';

const f32 = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));
const diff = (t: Tensor, p: Tensor): Tensor => sub(f32(p), f32(t));

export class MeanSquaredErrorMetric extends MeanMetricWrapper {
  override readonly className = 'MeanSquaredError';
  constructor({ name = 'mean_squared_error' }: { name?: string } = {}) {
    super((t, p) => mean(square(diff(t, p)), -1), name);
  }
}

export class MeanAbsoluteErrorMetric extends MeanMetricWrapper {
  override readonly className = 'MeanAbsoluteError';
  constructor({ name = 'mean_absolute_error' }: { name?: string } = {}) {
    super((t, p) => mean(abs(diff(t, p)), -1), name);
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
