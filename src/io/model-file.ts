/**
 * The native model format: a folder with
 *   config.json                 the model's config, its compile config, and training counters;
 *   model.weights.safetensors   the weights, in `model.weights` order, named by variable;
 *   optimizer.safetensors       the optimizer's slots per trainable weight (when saved).
 * Files are written atomically (temporary file, fsync, rename), so a run killed while saving leaves
 * the previous save intact. Loading rebuilds only registered classes: nothing from the file runs.
 * Loading trusts nothing in the folder: the config's fields are checked, and the weights the config
 * declares are counted on a probe model (lazy initializers, nothing allocated) and must fit in the
 * weights file before the real model is built, so a small config cannot make the loader allocate.
 */
import { realize } from '../core/engine.js';
import { TesseraError } from '../core/errors.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { Tensor as TensorClass } from '../core/tensor.js';
import { deserialize, describe, serialize, probeConfig, type Config, type ConfigValue, type Serializable } from '../io/serialization.js';
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
  const names = checkWeights(model.weights, tensors, file);
  const values = [...tensors.values()];
  model.weights.forEach((w, i) => {
    w.value = values[i]!;
  });
  return names;
}

/** Checks that `tensors` (in order) fit `weights`: count, shapes and dtypes; returns the saved names. */
function checkWeights(weights: readonly Variable[], tensors: Map<string, Tensor>, file: string): string[] {
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
  });
  return names;
}

/** Most elements one saved input shape may declare (2^31: far beyond any model's input, below what breaks index arithmetic). */
const MAX_INPUT_ELEMENTS = 2 ** 31;

function checkShapes(file: string, shapes: unknown): (number | null)[][] | null {
  if (shapes === null || shapes === undefined) return null;
  const ok = Array.isArray(shapes) && shapes.length <= 1000 && shapes.every((s) => Array.isArray(s) && s.length <= 16
    && s.every((d) => d === null || (Number.isSafeInteger(d) && d >= 0))
    && s.reduce((n: number, d) => n * ((d as number | null) ?? 1), 1) <= MAX_INPUT_ELEMENTS);
  if (!ok) throw new TesseraError(`loadModel: ${file} has invalid buildInputShapes (expected lists of at most 16 sizes, each null or an integer ≥ 0, at most ${MAX_INPUT_ELEMENTS} elements per input). Received: ${describe(shapes)}`);
  return shapes as (number | null)[][];
}

function buildFromShapes(model: Model, shapes: (number | null)[][] | null): void {
  if (model.built && model.weights.length) return;
  if (!shapes || !shapes.length) return;
  // Placeholder inputs (no values): applying builds the weights without computing anything.
  const xs = shapes.map((s) => new TensorClass(s.map((d) => d ?? 1), 'float32', null, null));
  model.ensureBuilt(xs);
}

/**
 * Errors raised while building from a config name the file they came from; one that is not Tessera's
 * own (a layer constructor given a value of the wrong type) becomes a TesseraError.
 */
function guarded<T>(who: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof TesseraError) throw e.message.startsWith('loadModel') ? e : new TesseraError(`${who}: ${e.message}`);
    const msg = e instanceof RangeError ? 'the config is too deeply nested or declares sizes too large to build' : 'cannot build the model from its config';
    throw new TesseraError(`${who}: ${msg}. Received: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Builds the model a saved config describes, after checking on a probe (lazy initializers: nothing
 * allocated) that the weights it declares are the ones the weights file holds, so that a config
 * declaring huge weights is refused before the real model allocates them.
 */
function buildChecked(who: string, modelConfig: unknown, shapes: (number | null)[][] | null, tensors: Map<string, Tensor>, weightsFile: string): Layer {
  return guarded(who, () => {
    const probe = deserialize<Layer>('layer', probeConfig(who, modelConfig));
    if (isModel(probe)) buildFromShapes(probe, shapes);
    checkWeights(probe.weights, tensors, weightsFile);
    const layer = deserialize<Layer>('layer', modelConfig);
    if (isModel(layer)) buildFromShapes(layer, shapes);
    return layer;
  });
}

let modelClass: typeof Model | null = null;
const isModel = (l: Layer): l is Model => modelClass !== null && l instanceof modelClass;

interface CompileConfig {
  optimizer: unknown;
  outputs: { name: string; loss: unknown; weight: number; metrics: unknown[] }[];
}

function checkCompile(file: string, c: unknown): CompileConfig | null {
  if (c === null || c === undefined) return null;
  const bad = (what: string): never => {
    throw new TesseraError(`loadModel: ${file} has an invalid compile config: ${what}. Received: ${describe(c)}`);
  };
  if (typeof c !== 'object' || Array.isArray(c)) bad('expected {optimizer, outputs}');
  const { optimizer, outputs } = c as Record<string, unknown>;
  if (typeof optimizer !== 'object' || optimizer === null) bad('optimizer must be {className, config}');
  if (!Array.isArray(outputs) || outputs.length === 0 || outputs.length > 1000) bad('outputs must be a non-empty list');
  for (const o of outputs as unknown[]) {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) bad('each output must be {name, loss, weight, metrics}');
    const { name, weight, metrics } = o as Record<string, unknown>;
    if (typeof name !== 'string') bad('an output name must be a string');
    if (typeof weight !== 'number' || !Number.isFinite(weight)) bad('an output weight must be a finite number');
    if (!Array.isArray(metrics)) bad('an output\'s metrics must be a list');
  }
  return c as CompileConfig;
}

/** Restores weights and, when saved, optimizer state into `model` (same architecture). */
export async function loadModelState(model: Model, dir: string): Promise<void> {
  const config = await readJson(`${dir}/${CONFIG}`);
  buildFromShapes(model, checkShapes(`${dir}/${CONFIG}`, config['buildInputShapes']));
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
        if (t!.dtype !== w.dtype) throw new TesseraError(`${file}: slot '${savedKeys[i]}/${optimizer.slotNames[k]}' is ${t!.dtype}, weight '${w.name}' is ${w.dtype}. Received: ${t!.dtype}`);
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
  if (config['format'] !== FORMAT) throw new TesseraError(`loadModel: ${dir}/${CONFIG} is not a Tessera model (expected format "${FORMAT}"). Received: format=${describe(config['format'])}`);
  const version = config['version'];
  if (!Number.isInteger(version) || (version as number) < 1) throw new TesseraError(`loadModel: ${dir}/${CONFIG} has an invalid format version (expected an integer ≥ 1). Received: version=${describe(version)}`);
  if ((version as number) > FORMAT_VERSION) {
    throw new TesseraError(`loadModel: ${dir} was saved by a newer format version (${String(version)}); this Tessera reads version ${FORMAT_VERSION}`);
  }
  const file = `${dir}/${CONFIG}`;
  const shapes = checkShapes(file, config['buildInputShapes']);
  const compile = checkCompile(file, config['compile']);
  if (config['optimizerState'] !== undefined && typeof config['optimizerState'] !== 'boolean') {
    throw new TesseraError(`loadModel: ${file}: optimizerState must be true or false. Received: ${describe(config['optimizerState'])}`);
  }
  modelClass ??= (await import('../models/model.js')).Model;
  const weightsFile = `${dir}/${WEIGHTS}`;
  const weights = await readSafetensors(weightsFile);
  const layer = buildChecked(`loadModel: ${file}`, config['model'], shapes, weights, weightsFile);
  if (!isModel(layer)) throw new TesseraError(`loadModel: ${dir} holds a layer, not a model. Received: ${layer.className}`);
  const model = layer;
  const saved = assignWeights(model, weights, weightsFile);
  if (compile) {
    const outputs = compile.outputs;
    guarded(`loadModel: ${file} (compile config)`, () => model.compile({
      optimizer: deserialize<Optimizer>('optimizer', compile.optimizer),
      loss: outputs.map((o) => (o.loss ? deserialize<Loss>('loss', o.loss) : null)),
      lossWeights: outputs.map((o) => o.weight),
      metrics: outputs.map((o) => o.metrics.map((m) => deserialize<Metric>('metric', m))),
    }));
    if (config['optimizerState']) await loadOptimizerState(model, model.optimizer!, `${dir}/${OPTIMIZER}`, saved);
  }
  restoreTrainingKey(model, config, dir);
  return model;
}
