/** Cross-entropy losses (Keras semantics: probabilities clipped to [ε, 1−ε], or logits with fromLogits). */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { add } from '../ops/elementwise/add.js';
import { cast } from '../ops/elementwise/cast.js';
import { mul } from '../ops/elementwise/mul.js';
import { binaryCrossentropy } from '../ops/composite/binary-crossentropy.js';
import { categoricalCrossentropy } from '../ops/composite/categorical-crossentropy.js';
import { sparseCategoricalCrossentropy } from '../ops/composite/sparse-categorical-crossentropy.js';
import { Loss, registerLoss, type LossOptions } from './loss.js';

export interface CrossentropyLossOptions extends LossOptions {
  fromLogits?: boolean;
  /** Targets move toward uniform by this amount (categorical: ls/classes; binary: toward 0.5). */
  labelSmoothing?: number;
  axis?: number;
}

function checkSmoothing(name: string, ls: number): number {
  if (!(ls >= 0 && ls <= 1)) throw new TesseraError(`${name}: labelSmoothing must be in [0, 1]. Received: labelSmoothing=${ls}`);
  return ls;
}

const asFloat = (t: Tensor): Tensor => (t.dtype === 'float32' || t.dtype === 'float64' ? t : cast(t, 'float32'));

export class SparseCategoricalCrossentropy extends Loss {
  readonly className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly axis: number;
  constructor(opts: CrossentropyLossOptions = {}) {
    super('sparse_categorical_crossentropy', opts);
    this.fromLogits = opts.fromLogits ?? false;
    this.axis = opts.axis ?? -1;
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return sparseCategoricalCrossentropy(yTrue, yPred, { fromLogits: this.fromLogits, axis: this.axis, reduction: 'none' });
  }
  override getConfig(): Config {
    return { ...super.getConfig(), fromLogits: this.fromLogits, axis: this.axis };
  }
}

export class CategoricalCrossentropy extends Loss {
  readonly className = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(opts: CrossentropyLossOptions = {}) {
    super('categorical_crossentropy', opts);
    this.fromLogits = opts.fromLogits ?? false;
    this.labelSmoothing = checkSmoothing('categoricalCrossentropy', opts.labelSmoothing ?? 0);
    this.axis = opts.axis ?? -1;
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    let y = asFloat(yTrue);
    if (this.labelSmoothing) {
      const classes = yPred.shape[yPred.rank + (this.axis < 0 ? this.axis : this.axis - yPred.rank)]!;
      y = add(mul(y, 1 - this.labelSmoothing), this.labelSmoothing / classes);
    }
    return categoricalCrossentropy(y, yPred, { fromLogits: this.fromLogits, axis: this.axis, reduction: 'none' });
  }
  override getConfig(): Config {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }
}

export class BinaryCrossentropy extends Loss {
  readonly className = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  constructor(opts: CrossentropyLossOptions = {}) {
    super('binary_crossentropy', opts);
    this.fromLogits = opts.fromLogits ?? false;
    this.labelSmoothing = checkSmoothing('binaryCrossentropy', opts.labelSmoothing ?? 0);
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    let y = asFloat(yTrue);
    if (this.labelSmoothing) y = add(mul(y, 1 - this.labelSmoothing), 0.5 * this.labelSmoothing);
    return binaryCrossentropy(y, yPred, { fromLogits: this.fromLogits, reduction: 'none' });
  }
  override getConfig(): Config {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }
}

registerLoss('SparseCategoricalCrossentropy', ['sparse_categorical_crossentropy'], (c) => new SparseCategoricalCrossentropy(c as CrossentropyLossOptions));
registerLoss('CategoricalCrossentropy', ['categorical_crossentropy'], (c) => new CategoricalCrossentropy(c as CrossentropyLossOptions));
registerLoss('BinaryCrossentropy', ['binary_crossentropy'], (c) => new BinaryCrossentropy(c as CrossentropyLossOptions));
