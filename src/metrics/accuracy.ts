/** Accuracy metrics (Keras's variants), as weighted means of per-sample hits. */
import type { Tensor } from '../core/tensor.js';
import { TesseraError } from '../core/errors.js';
import type { Config } from '../io/serialization.js';
import { cast } from '../ops/elementwise/cast.js';
import { equal } from '../ops/elementwise/equal.js';
import { greater } from '../ops/elementwise/greater.js';
import { less } from '../ops/elementwise/less.js';
import { argmax } from '../ops/reduce/argmax.js';
import { sum } from '../ops/reduce/sum.js';
import { takeAlongAxis } from '../ops/indexing/take-along-axis.js';
import { expandDims } from '../ops/shape/expand-dims.js';
import { squeeze } from '../ops/shape/squeeze.js';
import { squeezeOrExpandToSameRank } from '../losses/loss.js';
import { MeanMetricWrapper, registerMetric } from './metric.js';

const f32 = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));

/** Integer labels of yPred's shape without the class axis (a trailing size-1 axis is dropped). */
function labels(yTrue: Tensor, yPred: Tensor): Tensor {
  let y = yTrue;
  if (y.rank === yPred.rank && y.shape[y.rank - 1] === 1) y = squeeze(y, -1);
  return y.dtype === 'int32' ? y : cast(y, 'int32');
}

export class BinaryAccuracy extends MeanMetricWrapper {
  override readonly className = 'BinaryAccuracy';
  constructor({ name = 'binary_accuracy', threshold = 0.5 }: { name?: string; threshold?: number } = {}) {
    super((yTrue, yPred) => {
      const [t, p] = squeezeOrExpandToSameRank(f32(yTrue), f32(yPred));
      return f32(equal(t, f32(greater(p, threshold))));
    }, name);
    this.threshold = threshold;
  }
  readonly threshold: number;
  override getConfig(): Config {
    return { name: this.name, threshold: this.threshold };
  }
}

export class CategoricalAccuracy extends MeanMetricWrapper {
  override readonly className = 'CategoricalAccuracy';
  constructor({ name = 'categorical_accuracy' }: { name?: string } = {}) {
    super((t, p) => f32(equal(argmax(t, -1), argmax(p, -1))), name);
  }
}

export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  override readonly className = 'SparseCategoricalAccuracy';
  constructor({ name = 'sparse_categorical_accuracy' }: { name?: string } = {}) {
    super((t, p) => f32(equal(labels(t, p), argmax(p, -1))), name);
  }
}

/** Hit when fewer than k classes score strictly higher than the true class (no top-k op needed). */
function inTopK(yPred: Tensor, label: Tensor, k: number): Tensor {
  const trueScore = takeAlongAxis(yPred, expandDims(label, -1), -1);
  return f32(less(sum(f32(greater(yPred, trueScore)), -1), k));
}

function checkK(k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new TesseraError(`topKCategoricalAccuracy: k must be an integer ≥ 1. Received: k=${k}`);
  return k;
}

export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  override readonly className = 'TopKCategoricalAccuracy';
  readonly k: number;
  constructor({ name = 'top_k_categorical_accuracy', k = 5 }: { name?: string; k?: number } = {}) {
    super((t, p) => inTopK(p, argmax(t, -1), k), name);
    this.k = checkK(k);
  }
  override getConfig(): Config {
    return { name: this.name, k: this.k };
  }
}

export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  override readonly className = 'SparseTopKCategoricalAccuracy';
  readonly k: number;
  constructor({ name = 'sparse_top_k_categorical_accuracy', k = 5 }: { name?: string; k?: number } = {}) {
    super((t, p) => inTopK(p, labels(t, p), k), name);
    this.k = checkK(k);
  }
  override getConfig(): Config {
    return { name: this.name, k: this.k };
  }
}

registerMetric('BinaryAccuracy', ['binary_accuracy'], (c) => new BinaryAccuracy(c as { name?: string; threshold?: number }));
registerMetric('CategoricalAccuracy', ['categorical_accuracy'], (c) => new CategoricalAccuracy(c as { name?: string }));
registerMetric('SparseCategoricalAccuracy', ['sparse_categorical_accuracy'], (c) => new SparseCategoricalAccuracy(c as { name?: string }));
registerMetric('TopKCategoricalAccuracy', ['top_k_categorical_accuracy'], (c) => new TopKCategoricalAccuracy(c as { name?: string; k?: number }));
registerMetric('SparseTopKCategoricalAccuracy', ['sparse_top_k_categorical_accuracy'], (c) => new SparseTopKCategoricalAccuracy(c as { name?: string; k?: number }));
