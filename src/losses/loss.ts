/**
 * Losses as Keras objects: `perSample` gives one value per sample (Keras loss functions reduce the
 * last axis: [batch] for [batch, classes], [batch, time] for sequences), and `call` weights them
 * and reduces. Keras's 'sum_over_batch_size' divides the weighted sum by the number of values, so
 * a sample weight of 0 lowers the mean rather than being left out of it.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { deserialize, describe, registerSerializable, type Config, type Serializable } from '../io/serialization.js';
import { cast } from '../ops/elementwise/cast.js';
import { div } from '../ops/elementwise/div.js';
import { mul } from '../ops/elementwise/mul.js';
import { sum } from '../ops/reduce/sum.js';
import { reshape } from '../ops/shape/reshape.js';

export type LossReduction = 'sumOverBatchSize' | 'sum' | 'none';

export interface LossOptions {
  reduction?: LossReduction;
  name?: string;
}

const REDUCTIONS: readonly LossReduction[] = ['sumOverBatchSize', 'sum', 'none'];

export abstract class Loss implements Serializable {
  abstract readonly className: string;
  readonly name: string;
  readonly reduction: LossReduction;

  constructor(defaultName: string, opts: LossOptions = {}) {
    const reduction = opts.reduction ?? 'sumOverBatchSize';
    if (!REDUCTIONS.includes(reduction)) {
      throw new TesseraError(`${defaultName}: reduction must be one of ${REDUCTIONS.join(', ')}. Received: reduction=${String(reduction)}`);
    }
    this.reduction = reduction;
    this.name = opts.name ?? defaultName;
  }

  /** Loss values per sample (and per time step for sequences), before weighting. */
  abstract perSample(yTrue: Tensor, yPred: Tensor): Tensor;

  /** The weighted, reduced loss; `sampleWeight` has the batch shape (or a prefix of the values' shape). */
  call(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor {
    let values = this.perSample(yTrue, yPred);
    if (values.dtype !== 'float32' && values.dtype !== 'float64') values = cast(values, 'float32');
    if (sampleWeight) {
      let w = sampleWeight.dtype === values.dtype ? sampleWeight : cast(sampleWeight, values.dtype);
      if (w.rank > values.rank || w.shape.some((d, i) => d !== values.shape[i])) {
        throw new TesseraError(`${this.name}: sampleWeight of shape [${w.shape.join(',')}] does not fit the loss values of shape [${values.shape.join(',')}]`);
      }
      if (w.rank < values.rank) w = reshape(w, [...w.shape, ...values.shape.slice(w.rank).map(() => 1)]);
      values = mul(values, w);
    }
    if (this.reduction === 'none') return values;
    const total = sum(values);
    return this.reduction === 'sum' ? total : div(total, Math.max(1, values.size));
  }

  getConfig(): Config {
    return { name: this.name, reduction: this.reduction };
  }
}

export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** A plain function `(yTrue, yPred) → values` as a Loss (Keras's LossFunctionWrapper). */
export class LossFunctionWrapper extends Loss {
  readonly className = 'LossFunctionWrapper';
  constructor(readonly fn: LossFn, opts: LossOptions = {}) {
    super(opts.name ?? (fn.name || 'custom_loss'), opts);
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return this.fn(yTrue, yPred);
  }
  override getConfig(): Config {
    throw new TesseraError(`${this.name}: a loss function cannot be saved in a config; subclass Loss and register it with registerLoss to save the compile config`);
  }
}

const aliases = new Map<string, () => Loss>();

function key(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

/** Registers a loss class for deserialization and the names `getLoss` accepts for it. */
export function registerLoss(className: string, names: readonly string[], make: (config: Config) => Loss): void {
  registerSerializable('loss', className, make);
  for (const n of [className, ...names]) aliases.set(key(n), () => make({}));
}

export type LossIdentifier = string | Loss | LossFn | { className: string; config?: Config };

export function getLoss(id: LossIdentifier): Loss {
  if (id instanceof Loss) return id;
  if (typeof id === 'function') return new LossFunctionWrapper(id);
  if (typeof id === 'string') {
    const make = aliases.get(key(id));
    if (!make) throw new TesseraError(`getLoss: unknown loss '${id}' (known: ${[...aliases.keys()].sort().join(', ')})`);
    return make();
  }
  if (typeof id === 'object' && id !== null && typeof id.className === 'string') return deserialize<Loss>('loss', { className: id.className, config: id.config ?? {} });
  throw new TesseraError(`getLoss: expected a name, a Loss or a function. Received: ${describe(id)}`);
}
