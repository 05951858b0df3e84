/**
 * `model.compile(...)`: resolves the optimizer, one loss and a list of metrics per model output,
 * and the loss weights, with Keras's rules for names ('adam', 'sparseCategoricalCrossentropy',
 * 'accuracy') and for multi-output models (lists in output order, or records by output name).
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { describe } from '../io/serialization.js';
import { getLoss, type Loss } from '../losses/index.js';
import { getMetric, type Metric } from '../metrics/index.js';
import { getOptimizer, type Optimizer } from '../optimizers/index.js';

export type LossIdentifier = string | Loss | ((yTrue: Tensor, yPred: Tensor) => Tensor);
export type MetricIdentifier = string | Metric | ((yTrue: Tensor, yPred: Tensor) => Tensor);

export interface CompileArgs {
  optimizer?: string | Optimizer;
  /** One loss, or one per output (a list in output order, or a record by output name; null: no loss). */
  loss: LossIdentifier | (LossIdentifier | null)[] | Record<string, LossIdentifier | null>;
  /** Metrics for every output, or per output (list of lists, or record by output name). */
  metrics?: MetricIdentifier[] | MetricIdentifier[][] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  /** Weights of the outputs' losses in the total loss. */
  lossWeights?: number[] | Record<string, number>;
}

export interface OutputSpec {
  name: string;
  loss: Loss | null;
  weight: number;
  metrics: Metric[];
  /** Name prefix in logs: '' for a single output, `${name}_` otherwise (Keras). */
  prefix: string;
}

export interface Compiled {
  optimizer: Optimizer;
  outputs: OutputSpec[];
  args: CompileArgs;
}

export interface OutputInfo {
  names: readonly string[];
  shapes: readonly (readonly (number | null)[] | null)[];
}

function perOutput<T>(value: T | T[] | Record<string, T>, names: readonly string[], what: string, isOne: (v: unknown) => v is T): (T | undefined)[] {
  if (isOne(value)) return names.map(() => value);
  if (Array.isArray(value)) {
    if (value.length !== names.length) {
      throw new TesseraError(`compile: ${what} has ${value.length} entries but the model has ${names.length} outputs (${names.join(', ')}). Received: ${describe(value)}`);
    }
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const rec = value as Record<string, T>;
    for (const k of Object.keys(rec)) {
      if (!names.includes(k)) throw new TesseraError(`compile: ${what} names output '${k}', but the outputs are ${names.join(', ')}`);
    }
    return names.map((n) => rec[n]);
  }
  throw new TesseraError(`compile: ${what} must be one value, a list per output or a record by output name. Received: ${describe(value)}`);
}

const isLossId = (v: unknown): v is LossIdentifier => typeof v === 'string' || typeof v === 'function' || (typeof v === 'object' && v !== null && 'perSample' in v);
const isMetricId = (v: unknown): v is MetricIdentifier => typeof v === 'string' || typeof v === 'function' || (typeof v === 'object' && v !== null && 'batchStatistics' in v);

export function resolveCompile(args: CompileArgs, outputs: OutputInfo): Compiled {
  if (!args || args.loss === undefined) throw new TesseraError('compile: a loss is required, e.g. compile({optimizer: \'adam\', loss: \'sparseCategoricalCrossentropy\'})');
  const names = outputs.names;
  const optimizer = getOptimizer(args.optimizer ?? 'rmsprop');
  const losses = perOutput(args.loss as LossIdentifier, names, 'loss', isLossId).map((l) => (l ? getLoss(l) : null));
  if (losses.every((l) => l === null)) throw new TesseraError('compile: at least one output needs a loss');
  const weights = args.lossWeights === undefined ? names.map(() => 1) : perOutput(args.lossWeights as unknown as number, names, 'lossWeights', (v): v is number => typeof v === 'number').map((w) => w ?? 1);
  let metricLists: MetricIdentifier[][];
  const m = args.metrics;
  if (m === undefined) metricLists = names.map(() => []);
  else if (Array.isArray(m) && m.every(isMetricId)) metricLists = names.map(() => m as MetricIdentifier[]);
  else if (Array.isArray(m)) metricLists = perOutput(m as MetricIdentifier[][], names, 'metrics', (v): v is MetricIdentifier[] => false).map((l) => l ?? []);
  else metricLists = names.map((n) => {
    const v = (m as Record<string, MetricIdentifier | MetricIdentifier[]>)[n];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  });
  const multi = names.length > 1;
  return {
    optimizer,
    args,
    outputs: names.map((name, i) => ({
      name,
      loss: losses[i] ?? null,
      weight: weights[i]!,
      // Each output gets its own metric objects (their state is per output).
      metrics: metricLists[i]!.map((id) => getMetric(fresh(id, multi && i > 0), { loss: losses[i] ?? undefined, outputShape: outputs.shapes[i] ?? undefined })),
      prefix: multi ? `${name}_` : '',
    })),
  };
}

/** A Metric object shared by several outputs is cloned for the later ones. */
function fresh(id: MetricIdentifier, clone: boolean): MetricIdentifier {
  if (!clone || typeof id !== 'object') return id;
  const ctor = id.constructor as new (config: unknown) => Metric;
  return new ctor(id.getConfig());
}
