/**
 * The native model format: a folder with
 *   config.json                 the model's config, its compile config, and training counters;
 *   model.weights.safetensors   the weights, in `model.weights` order, named by variable;
 *   optimizer.safetensors       the optimizer's slots per trainable weight (when saved).
 * Files are written atomically (temporary file, fsync, rename), so a run killed while saving leaves
 * the previous save intact. Loading rebuilds only registered classes: nothing from the file runs.
 */
import { realize } from '../core/engine.js';
import { TesseraError } from '../core/errors.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { Tensor as TensorClass } from '../core/tensor.js';
import { deserialize, serialize, type Config, type ConfigValue, type Serializable } from '../io/serialization.js';
import type { Layer } from '../layers/layer.js';
import type { Model } from '../models/model.js';
import type { Optimizer } from '../optimizers/index.js';
import type { Loss } from '../losses/index.js';
import type { Metric } from '../metrics/index.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';
import { checkKey } from '../ops/random/key.js';
import { nodeFs, writeFileAtomic, type NodeFs } from './node-fs.js';

export const FORMAT = 'tessera-model';
export const FORMAT_VERSION = 1;
const CONFIG = 'config.json';
const WEIGHTS = 'model.weights.safetensors';
const OPTIMIZER = 'optimizer.safetensors';

export interface SaveOptions {
  /** Save the optimizer's state so training resumes exactly (default true). */
  includeOptimizer?: boolean;
}

const WHO = 'save/load';
const fs = (): Promise<NodeFs> => nodeFs(WHO);

/** Unique, stable keys for the weights (variable names; repeated names get a suffix). */
export function weightKeys(weights: readonly Variable[]): string[] {
  const seen = new Map<string, number>();
  return weights.map((w) => {
    const n = seen.get(w.name) ?? 0;
    seen.set(w.name, n + 1);
    return n === 0 ? w.name : `${w.name}_${n}`;
  });
}

function tryConfig(obj: Serializable | null | undefined): ConfigValue {
  if (!obj) return null;
  try {
    return serialize(obj) as unknown as ConfigValue;
  } catch {
    return null;
  }
}

function compileConfig(model: Model): Config | null {
  const args = model.compileArgs;
  const opt = model.optimizer;
  if (!args || !opt) return null;
  const outputs = model.compiledOutputs();
  const losses = outputs.map((o) => tryConfig(o.loss));
  // A loss given as an unregistered function cannot be saved; the model then loads uncompiled.
  if (outputs.some((o, i) => o.loss && losses[i] === null)) return null;
  return {
    optimizer: serialize(opt) as unknown as ConfigValue,
    outputs: outputs.map((o, i) => ({
      name: o.name,
      loss: losses[i]!,
      weight: o.weight,
      metrics: o.metrics.map((m) => tryConfig(m)).filter((m) => m !== null),
    })),
  };
}

export async function saveModel(model: Model, dir: string, opts: SaveOptions = {}): Promise<void> {
  const f = await fs();
  await f.mkdir(dir, { recursive: true });
  const weights = model.weights;
  if (!weights.length) throw new TesseraError(`${model.name}.save: the model has no weights yet; build it (fit, predict, or give an input shape) before saving`);
  await realize(weights);
  const keys = weightKeys(weights);
  await writeFileAtomic(WHO, `${dir}/${WEIGHTS}`, encodeSafetensors(keys.map((k, i) => [k, weights[i]!.value] as [string, Tensor]), { format: FORMAT }));
  const optimizer = model.optimizer;
  const includeOptimizer = (opts.includeOptimizer ?? true) && optimizer !== null && model.optimizerSlots.size > 0;
  if (includeOptimizer) {
    const entries: [string, Tensor][] = [];
    const slotNames = optimizer.slotNames;
    const all = model.optimizerSlots;
    for (const [i, w] of weights.entries()) {
      const slots = all.get(w);
      if (slots) slots.forEach((s, k) => entries.push([`${keys[i]}/${slotNames[k] ?? k}`, s]));
    }
    await realize(entries.map(([, t]) => t));
    await writeFileAtomic(WHO, `${dir}/${OPTIMIZER}`, encodeSafetensors(entries, { iterations: String(optimizer.iterations) }));
  }
  const config = {
    format: FORMAT,
    version: FORMAT_VERSION,
    model: serialize(model),
    compile: compileConfig(model),
    buildInputShapes: model.builtInputShapes(),
    optimizerState: includeOptimizer,
    trainingKey: model.trainingKey ? [...model.trainingKey] : null,
  };
  await writeFileAtomic(WHO, `${dir}/${CONFIG}`, JSON.stringify(config, null, 1));
}

export async function saveWeightsFile(model: Model, file: string): Promise<void> {
  const weights = model.weights;
  await realize(weights);
  await writeFileAtomic(WHO, file, encodeSafetensors(weightKeys(weights).map((k, i) => [k, weights[i]!.value] as [string, Tensor]), { format: FORMAT }));
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  const f = await fs();
  let text: string;
  try {
    text = await f.readFile(file, 'utf8');
  } catch (e) {
    throw new TesseraError(`loadModel: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a folder written by model.save()`);
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new TesseraError(`loadModel: ${file} is not a valid model config (${(e as Error).message})`);
  }
}

async function readSafetensors(file: string): Promise<Map<string, Tensor>> {
  const f = await fs();
  let buf: Uint8Array;
  try {
    buf = await f.readFile(file);
  } catch (e) {
    throw new TesseraError(`loadModel: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return decodeSafetensors(buf, file).tensors;
}

/**
 * Sets `model`'s weights from a safetensors map, in order, checking count and shapes; returns the
 * saved names in order (layer names may differ from the saving model's: matching is by position).
 */
function assignWeights(model: Model, tensors: Map<string, Tensor>, file: string): string[] {
  const weights = model.weights;
  const values = [...tensors.values()];
  const names = [...tensors.keys()];
  if (values.length !== weights.length) {
    throw new TesseraError(`${file}: holds ${values.length} weights, the model has ${weights.length}; is it the same architecture?`);
  }
  weights.forEach((w, i) => {
    const v = values[i]!;
    if (v.shape.length !== w.shape.length || v.shape.some((d, k) => d !== w.shape[k])) {
      throw new TesseraError(`${file}: weight '${names[i]}' has shape [${v.shape.join(',')}], the model's '${w.name}' expects [${w.shape.join(',')}]`);
    }
    if (v.dtype !== w.dtype) throw new TesseraError(`${file}: weight '${names[i]}' is ${v.dtype}, the model's '${w.name}' is ${w.dtype}`);
    w.value = v;
  });
  return names;
}

function buildFromShapes(model: Model, shapes: unknown): void {
  if (model.built && model.weights.length) return;
  if (!Array.isArray(shapes) || !shapes.length) return;
  // Placeholder inputs (no values): applying builds the weights without computing anything.
  const xs = (shapes as (number | null)[][]).map((s) => new TensorClass(s.map((d) => d ?? 1), 'float32', null, null));
  model.ensureBuilt(xs);
}

/** Restores weights and, when saved, optimizer state into `model` (same architecture). */
export async function loadModelState(model: Model, dir: string): Promise<void> {
  const config = await readJson(`${dir}/${CONFIG}`);
  buildFromShapes(model, config['buildInputShapes']);
  const saved = assignWeights(model, await readSafetensors(`${dir}/${WEIGHTS}`), `${dir}/${WEIGHTS}`);
  if (config['optimizerState'] && model.optimizer) await loadOptimizerState(model, model.optimizer, `${dir}/${OPTIMIZER}`, saved);
  restoreTrainingKey(model, config, dir);
}

function restoreTrainingKey(model: Model, config: Record<string, unknown>, dir: string): void {
  const k = config['trainingKey'];
  if (k === null || k === undefined) return;
  model.trainingKey = checkKey(`loadModel ${dir}/${CONFIG} trainingKey`, k);
}

/** Optimizer slots by weight position: `savedKeys[i]` is the saved name of the model's i-th weight. */
async function loadOptimizerState(model: Model, optimizer: Optimizer, file: string, savedKeys: readonly string[]): Promise<void> {
  const f = await fs();
  const buf = await f.readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new TesseraError(`loadModel: cannot read ${file} (${e.code ?? e.message})`);
  });
  const { tensors, metadata } = decodeSafetensors(buf, file);
  const slots = new Map<Variable, Tensor[]>();
  model.weights.forEach((w, i) => {
    const mine = optimizer.slotNames.map((name) => tensors.get(`${savedKeys[i]}/${name}`));
    if (mine.every((t) => t !== undefined)) {
      mine.forEach((t, k) => {
        if (t!.shape.join() !== w.shape.join()) throw new TesseraError(`${file}: slot '${savedKeys[i]}/${optimizer.slotNames[k]}' has shape [${t!.shape.join(',')}], weight '${w.name}' has [${w.shape.join(',')}]`);
      });
      slots.set(w, mine as Tensor[]);
    }
  });
  model.optimizerSlots = slots;
  const it = Number(metadata['iterations'] ?? 0);
  if (!Number.isSafeInteger(it) || it < 0) throw new TesseraError(`${file}: invalid iterations metadata ${metadata['iterations']}`);
  optimizer.iterations = it;
}

/** Loads a model saved with `model.save(dir)`: architecture, weights, compile config and optimizer state. */
export async function loadModel(dir: string): Promise<Model> {
  const config = await readJson(`${dir}/${CONFIG}`);
  if (config['format'] !== FORMAT) throw new TesseraError(`loadModel: ${dir}/${CONFIG} is not a Tessera model (format ${JSON.stringify(config['format'])})`);
  if (typeof config['version'] !== 'number' || config['version'] > FORMAT_VERSION) {
    throw new TesseraError(`loadModel: ${dir} was saved by a newer format version (${String(config['version'])}); this Tessera reads version ${FORMAT_VERSION}`);
  }
  const layer = deserialize<Layer>('layer', config['model']);
  const { Model: ModelClass } = await import('../models/model.js');
  if (!(layer instanceof ModelClass)) throw new TesseraError(`loadModel: ${dir} holds a layer, not a model`);
  const model = layer;
  buildFromShapes(model, config['buildInputShapes']);
  const saved = assignWeights(model, await readSafetensors(`${dir}/${WEIGHTS}`), `${dir}/${WEIGHTS}`);
  const compile = config['compile'] as { optimizer: unknown; outputs: { name: string; loss: unknown; weight: number; metrics: unknown[] }[] } | null;
  if (compile) {
    const outputs = compile.outputs;
    model.compile({
      optimizer: deserialize<Optimizer>('optimizer', compile.optimizer),
      loss: outputs.map((o) => (o.loss ? deserialize<Loss>('loss', o.loss) : null)),
      lossWeights: outputs.map((o) => o.weight),
      metrics: outputs.map((o) => o.metrics.map((m) => deserialize<Metric>('metric', m))),
    });
    if (config['optimizerState']) await loadOptimizerState(model, model.optimizer!, `${dir}/${OPTIMIZER}`, saved);
  }
  restoreTrainingKey(model, config, dir);
  return model;
}
