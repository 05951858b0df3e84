/**
 * Stateful metrics, split so that a training step stays one compiled graph: `batchStatistics`
 * (tensor ops, traced into the step) gives a batch's sufficient statistics — sums, counts,
 * confusion counts — and the host adds them up across batches in float64 and computes the value
 * (`resultFrom`). The Keras API (`updateState`, `result`, `resetState`) sits on top.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { deserialize, describe, registerSerializable, type Config, type Serializable } from '../io/serialization.js';
import { cast } from '../ops/elementwise/cast.js';
import { mul } from '../ops/elementwise/mul.js';
import { sum } from '../ops/reduce/sum.js';
import { reshape } from '../ops/shape/reshape.js';
import { squeeze } from '../ops/shape/squeeze.js';
import { broadcastTo } from '../ops/shape/broadcast-to.js';
import { onesLike } from '../core/creation.js';

export abstract class Metric implements Serializable {
  abstract readonly className: string;
  readonly name: string;
  private accumulated: Float64Array[] | null = null;

  constructor(name: string) {
    this.name = name;
  }

  /** This batch's statistics as float32 tensors (pure ops, no host reads). */
  abstract batchStatistics(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor[];
  /** The metric's value from statistics summed over batches. */
  abstract resultFrom(totals: readonly Float64Array[]): number;

  resetState(): void {
    this.accumulated = null;
  }

  mergeStatistics(stats: readonly ArrayLike<number>[]): void {
    if (!this.accumulated) this.accumulated = stats.map((s) => new Float64Array(s.length));
    stats.forEach((s, i) => {
      const t = this.accumulated![i]!;
      if (t.length !== s.length) throw new TesseraError(`${this.name}: statistic ${i} changed size between batches (${t.length} vs ${s.length})`);
      for (let k = 0; k < s.length; k++) t[k]! += Number(s[k]);
    });
  }

  /** The value over everything merged since the last reset (0 before any batch, as Keras). */
  result(): number {
    return this.accumulated ? this.resultFrom(this.accumulated) : 0;
  }

  /** The statistics summed since the last reset (null before any batch). */
  totals(): readonly Float64Array[] | null {
    return this.accumulated;
  }

  async updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Promise<void> {
    const stats = this.batchStatistics(yTrue, yPred, sampleWeight);
    this.mergeStatistics(await Promise.all(stats.map(async (t) => (await t.data()) as Float32Array)));
  }

  getConfig(): Config {
    return { name: this.name };
  }
}

/**
 * Weights shaped like `values`: sample weights [batch] (or [batch, 1], or a prefix of the values'
 * shape) broadcast over the other axes.
 */
export function weightsFor(values: Tensor, sampleWeight?: Tensor): Tensor {
  if (!sampleWeight) return onesLike(values);
  let w = sampleWeight.dtype === values.dtype ? sampleWeight : cast(sampleWeight, values.dtype);
  while (w.rank > values.rank && w.shape[w.rank - 1] === 1) w = squeeze(w, -1);
  if (w.rank > values.rank || w.shape.some((d, i) => d !== values.shape[i] && d !== 1)) {
    throw new TesseraError(`sampleWeight must match the leading axes of the metric values [${values.shape.join(',')}]. Received: sampleWeight of shape [${sampleWeight.shape.join(',')}]`);
  }
  if (w.rank < values.rank) w = reshape(w, [...w.shape, ...values.shape.slice(w.rank).map(() => 1)]);
  return broadcastTo(w, values.shape);
}

export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** The weighted mean of per-sample values (Keras's MeanMetricWrapper): statistics [Σ v·w, Σ w]. */
export class MeanMetricWrapper extends Metric {
  readonly className: string = 'MeanMetricWrapper';
  constructor(readonly fn: MetricFn, name: string) {
    super(name);
  }
  batchStatistics(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor[] {
    let v = this.fn(yTrue, yPred);
    if (v.dtype !== 'float32') v = cast(v, 'float32');
    const w = weightsFor(v, sampleWeight);
    return [sum(mul(v, w)), sum(w)];
  }
  resultFrom([s, n]: readonly Float64Array[]): number {
    return n![0]! ? s![0]! / n![0]! : 0;
  }
  override getConfig(): Config {
    if (this.className === 'MeanMetricWrapper') throw new TesseraError(`${this.name}: a metric function cannot be saved; subclass Metric and register it`);
    return super.getConfig();
  }
}

/** The weighted mean of the values given as yPred (Keras's Mean; yTrue is ignored). */
export class Mean extends MeanMetricWrapper {
  override readonly className = 'Mean';
  constructor(name = 'mean') {
    super((_t, v) => v, name);
  }
}

const aliases = new Map<string, (name: string) => Metric>();
const key = (n: string): string => n.toLowerCase().replace(/_/g, '');

/** Registers a metric class and the names getMetric accepts (the name given becomes the log name). */
export function registerMetric(className: string, names: readonly string[], make: (config: Config) => Metric): void {
  registerSerializable('metric', className, make);
  for (const n of [className, ...names]) aliases.set(key(n), (name) => make({ name }));
}

/** camelCase or PascalCase to Keras's snake_case log names: 'topKCategoricalAccuracy' → 'top_k_categorical_accuracy'. */
export function snakeName(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

export interface MetricContext {
  loss?: { className: string };
  outputShape?: readonly (number | null)[];
}

export type MetricIdentifier = string | Metric | MetricFn | { className: string; config?: Config };

/** A metric by name (Keras's rules for 'accuracy'), object or function. */
export function getMetric(id: MetricIdentifier, context: MetricContext = {}): Metric {
  if (id instanceof Metric) return id;
  if (typeof id === 'function') return new MeanMetricWrapper(id, snakeName(id.name || 'metric'));
  if (typeof id === 'string') {
    if (key(id) === 'accuracy' || key(id) === 'acc') return make(accuracyKind(context), id);
    const maker = aliases.get(key(id));
    if (!maker) throw new TesseraError(`getMetric: unknown metric '${id}' (known: accuracy, ${[...aliases.keys()].sort().join(', ')})`);
    return maker(snakeName(id));
  }
  if (typeof id === 'object' && id !== null && typeof id.className === 'string') return deserialize<Metric>('metric', { className: id.className, config: id.config ?? {} });
  throw new TesseraError(`getMetric: expected a name, a Metric or a function. Received: ${describe(id)}`);
}

function make(className: string, name: string): Metric {
  return deserialize<Metric>('metric', { className, config: { name } });
}

/** Keras: binary with a binary loss or one output unit; sparse with a sparse loss; else categorical. */
function accuracyKind(context: MetricContext): string {
  const loss = context.loss?.className ?? '';
  const last = context.outputShape?.[context.outputShape.length - 1];
  if (loss === 'BinaryCrossentropy' || last === 1) return 'BinaryAccuracy';
  if (loss === 'SparseCategoricalCrossentropy') return 'SparseCategoricalAccuracy';
  return 'CategoricalAccuracy';
}
