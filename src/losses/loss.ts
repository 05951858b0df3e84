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
import { expandDims } from '../ops/shape/expand-dims.js';
import { reshape } from '../ops/shape/reshape.js';
import { squeeze } from '../ops/shape/squeeze.js';

export type LossReduction = 'sumOverBatchSize' | 'sum' | 'none';

export interface LossOptions {
  /** Also accepted as Keras writes them: 'sum_over_batch_size', 'mean' (the same), null ('none'). */
  reduction?: LossReduction;
  name?: string;
}

const REDUCTIONS: Record<string, LossReduction> = {
  sumOverBatchSize: 'sumOverBatchSize', sum_over_batch_size: 'sumOverBatchSize', mean: 'sumOverBatchSize',
  sum: 'sum', none: 'none', null: 'none',
};

/**
 * Keras's squeeze_or_expand_to_same_rank: when the ranks differ by one and the longer shape ends
 * in 1, a rank-1 partner gets a trailing axis, anything else loses the longer one's ([B] vs [B, 1]).
 */
export function squeezeOrExpandToSameRank(a: Tensor, b: Tensor): [Tensor, Tensor] {
  if (a.rank === b.rank + 1 && a.shape[a.rank - 1] === 1) return b.rank === 1 ? [a, expandDims(b, -1)] : [squeeze(a, -1), b];
  if (b.rank === a.rank + 1 && b.shape[b.rank - 1] === 1) return a.rank === 1 ? [expandDims(a, -1), b] : [a, squeeze(b, -1)];
  return [a, b];
}

export abstract class Loss implements Serializable {
  abstract readonly className: string;
  readonly name: string;
  readonly reduction: LossReduction;

  constructor(defaultName: string, opts: LossOptions = {}) {
    const given = opts.reduction === undefined ? 'sumOverBatchSize' : String(opts.reduction);
    const reduction = Object.hasOwn(REDUCTIONS, given) ? REDUCTIONS[given] : undefined;
    if (!reduction) throw new TesseraError(`${defaultName}: reduction must be 'sumOverBatchSize', 'sum' or 'none'. Received: reduction=${given}`);
    this.reduction = reduction;
    this.name = opts.name ?? defaultName;
  }

  /** Loss values per sample (and per time step for sequences), before weighting. */
  abstract perSample(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * The weighted, reduced loss. yTrue and yPred are first brought to the same rank as Keras does
   * ([B] targets for [B, 1] predictions). `sampleWeight` has the batch shape, or a prefix of the
   * values' shape (trailing size-1 axes are dropped); 'sumOverBatchSize' divides the weighted sum
   * by the number of values, as Keras does.
   */
  call(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor {
    const [t, p] = squeezeOrExpandToSameRank(yTrue, yPred);
    let values = this.perSample(t, p);
    if (values.dtype !== 'float32' && values.dtype !== 'float64') values = cast(values, 'float32');
    if (sampleWeight) values = mul(values, this.alignWeights(values, sampleWeight));
    if (this.reduction === 'none') return values;
    const total = sum(values);
    return this.reduction === 'sum' ? total : div(total, Math.max(1, values.size));
  }

  /** Sample weights shaped to multiply the values (which broadcast against them if scalar). */
  private alignWeights(values: Tensor, sampleWeight: Tensor): Tensor {
    let w = sampleWeight.dtype === values.dtype ? sampleWeight : cast(sampleWeight, values.dtype);
    while (w.rank > values.rank && values.rank > 0 && w.shape[w.rank - 1] === 1) w = squeeze(w, -1);
    if (values.rank === 0) return w;
    if (w.rank > values.rank || w.shape.some((d, i) => d !== values.shape[i])) {
      throw new TesseraError(`${this.name}: sampleWeight must match the leading axes of the loss values [${values.shape.join(',')}] (one weight per sample: [${values.shape[0]}]). Received: sampleWeight of shape [${sampleWeight.shape.join(',')}]`);
    }
    return w.rank < values.rank ? reshape(w, [...w.shape, ...values.shape.slice(w.rank).map(() => 1)]) : w;
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
