/**
 * Keras weights onto a Tessera model. Tessera's layers keep Keras's layouts and orders (Dense kernel
 * [in, out], conv kernels [k..., in, out], transposed-conv kernels [k..., out, in], LSTM gates i, f, c,
 * o, GRU z, r, h with a [2, 3u] bias when reset_after, BatchNormalization gamma, beta, moving mean,
 * moving variance, MultiHeadAttention's einsum kernels), so values are copied as they are; what this
 * file knows is where each file format keeps them:
 *   Keras 3 (.keras, .weights.h5): per saveable object, datasets 0, 1, … in `<path>/vars`, the path
 *     built from snake_case class names numbered per class in the model's layer order
 *     (layers/dense, layers/dense_1, …; sub-objects below: cell/, forward_layer/cell/, _query_dense/).
 *   tf.keras 2 (.h5): `<layer name>/<weight name>` datasets listed by the `layer_names` and
 *     `weight_names` attributes, each layer's weights trainable first.
 * Every value is read and checked (shape, count, byte limit) before any variable is changed.
 */
import { TesseraError } from '../../core/errors.js';
import { Tensor, type Variable } from '../../core/tensor.js';
import { MultiHeadAttention } from '../../layers/attention/multi-head-attention.js';
import { snakeCase, type Layer } from '../../layers/layer.js';
import { Bidirectional } from '../../layers/recurrent/bidirectional.js';
import { RNN } from '../../layers/recurrent/rnn.js';
import { Model } from '../../models/model.js';
import type { KerasOutline } from './config.js';
import type { AttrValue, Hdf5File } from './hdf5.js';

interface Planned {
  variable: Variable;
  path: string;
  what: string;
}

const fmt = (s: readonly number[]): string => `[${s.join(',')}]`;

/** A layer's variables as Keras 3 saves them: per saveable sub-object (path below the layer), in order. */
function kerasGroups(layer: Layer): [string, Variable[]][] {
  if (layer instanceof Bidirectional) {
    return [['forward_layer/cell', layer.forwardLayer.cell.weights], ['backward_layer/cell', layer.backwardLayer.cell.weights]];
  }
  // An RNN's own state variables (stateful layers) are Tessera's, not saved by Keras.
  if (layer instanceof RNN) return [['cell', layer.cell.weights]];
  if (layer instanceof MultiHeadAttention) {
    const parts: [string, MultiHeadAttention['query']][] = [['_query_dense', layer.query], ['_key_dense', layer.key], ['_value_dense', layer.value], ['_output_dense', layer.attentionOutput]];
    return parts.map(([path, p]) => [path, p ? [p.kernel, ...(p.bias ? [p.bias] : [])] : []]);
  }
  const inner = layer.layers.filter((l) => l.weights.length);
  if (inner.length) throw new TesseraError(`layer '${layer.name}' (${layer.className}) has sub-layers with weights, whose place in a Keras file Tessera does not know. Received: sub-layers ${inner.map((l) => l.name).join(', ')}`);
  return [['', layer.weights]];
}

/** A model's layers in Keras's order: the outline's (from the file's config) or the model's own. */
function orderedLayers(model: Model, outline: KerasOutline | undefined, who: string): Layer[] {
  if (!outline) return model.layers;
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  return outline.layers.map((name) => {
    const layer = byName.get(name);
    if (!layer) throw new TesseraError(`${who}: the file's config names layer '${name}', which the model does not have. Received: layers ${[...byName.keys()].join(', ')}`);
    return layer;
  });
}

/** Keras 3 weights: plans reading `root/<class-numbered name>/…/vars/<i>` for every layer. */
function planKeras3(model: Model, h5: Hdf5File, root: string, outline: KerasOutline | undefined, plan: Planned[]): void {
  const counts = new Map<string, number>();
  for (const layer of orderedLayers(model, outline, h5.who)) {
    const base = snakeCase(layer.className);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    const path = `${root}/${n === 0 ? base : `${base}_${n}`}`;
    if (layer instanceof Model) {
      planKeras3(layer, h5, `${path}/layers`, outline?.nested.get(layer.name), plan);
      continue;
    }
    let groups: [string, Variable[]][];
    try {
      groups = kerasGroups(layer);
    } catch (e) {
      throw new TesseraError(`${h5.who}: ${(e as Error).message}`);
    }
    for (const [sub, vars] of groups) {
      if (!vars.length) continue;
      const varsPath = sub ? `${path}/${sub}/vars` : `${path}/vars`;
      const saved = h5.keys(varsPath);
      if (saved.length !== vars.length) {
        throw new TesseraError(`${h5.who}: layer '${layer.name}' (${layer.className}) expects ${vars.length} weights (${vars.map((v) => fmt(v.shape)).join(', ')}) at '${varsPath}'. Received: ${saved.length ? `${saved.length} datasets` : 'nothing there'}`);
      }
      vars.forEach((v, i) => plan.push({ variable: v, path: `${varsPath}/${i}`, what: `weight ${i} of layer '${layer.name}' (${v.name})` }));
    }
  }
}

/** Every `vars` group under `root` that holds datasets (a bounded walk: at most 16 levels, 100,000 groups). */
function savedVarGroups(h5: Hdf5File, root: string): string[] {
  const out: string[] = [];
  const todo: [string, number][] = [[root, 0]];
  for (let visited = 0; todo.length; visited++) {
    if (visited > 100_000) throw new TesseraError(`${h5.who}: the weights file has over 100,000 groups under '${root}'. Received: a file too large to be a model's weights`);
    const [path, depth] = todo.pop()!;
    for (const key of h5.keys(path)) {
      const child = `${path}/${key}`;
      if (key === 'vars') {
        if (h5.keys(child).length) out.push(child);
      } else if (depth < 16 && h5.isGroup(child)) todo.push([child, depth + 1]);
    }
  }
  return out.sort();
}

/** Keras 3 weights: every saved group must be used, or the file is for another architecture. */
function planKeras3Whole(model: Model, h5: Hdf5File, root: string, outline: KerasOutline | undefined, plan: Planned[]): void {
  planKeras3(model, h5, root, outline, plan);
  const used = new Set(plan.map((p) => p.path.slice(0, p.path.lastIndexOf('/'))));
  const unused = savedVarGroups(h5, root).filter((g) => !used.has(g));
  if (unused.length) {
    throw new TesseraError(`${h5.who}: the file has weights that no layer of the model takes (is it the same architecture? layers are matched by class and position). Received: ${unused.slice(0, 5).join(', ')}${unused.length > 5 ? `, … (${unused.length})` : ''}`);
  }
}

/** A layer's weights in tf.keras 2's order: its (sub-layers') trainable ones, then the others. */
function legacyVariables(layer: Layer, outline: KerasOutline | undefined, who: string): Variable[] {
  if (!(layer instanceof Model)) return kerasGroups(layer).flatMap(([, vars]) => vars);
  const all: { v: Variable; trainable: boolean }[] = [];
  const visit = (l: Layer, o: KerasOutline | undefined, trainable: boolean): void => {
    if (l instanceof Model) for (const sub of orderedLayers(l, o, who)) visit(sub, o?.nested.get(sub.name), trainable && sub.trainable);
    else for (const v of kerasGroups(l).flatMap(([, vars]) => vars)) all.push({ v, trainable: trainable && v.trainable });
  };
  visit(layer, outline, layer.trainable);
  return [...all.filter((x) => x.trainable), ...all.filter((x) => !x.trainable)].map((x) => x.v);
}

/** A string-list attribute, also when tf.keras split it into name0, name1, … (over 64 KB). */
function listAttr(h5: Hdf5File, path: string, name: string): string[] {
  const asList = (v: AttrValue, key: string): string[] => {
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    if (Array.isArray(v) && v.length === 0) return [];
    throw new TesseraError(`${h5.who}: attribute '${key}' of '${path || '/'}' should list names. Received: ${JSON.stringify(v)?.slice(0, 100)}`);
  };
  const whole = h5.attr(path || '/', name);
  if (whole !== null) return asList(whole, name);
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const part = h5.attr(path || '/', `${name}${i}`);
    if (part === null) return out;
    out.push(...asList(part, `${name}${i}`));
  }
}

/**
 * tf.keras 2 weights under `root` ('' for a save_weights file, 'model_weights' in a saved model):
 * matched to the model's layers by name (a model rebuilt from the same file) or, as Keras does, by
 * position among the layers that have weights.
 */
function planLegacy(model: Model, h5: Hdf5File, root: string, byName: boolean, outline: KerasOutline | undefined, plan: Planned[]): void {
  const at = (p: string): string => (root ? `${root}/${p}` : p);
  const saved = listAttr(h5, root, 'layer_names').map((name) => ({ name, weights: listAttr(h5, at(name), 'weight_names') })).filter((s) => s.weights.length);
  const top = h5.isGroup(at('top_level_model_weights')) ? listAttr(h5, at('top_level_model_weights'), 'weight_names') : [];
  if (top.length) throw new TesseraError(`${h5.who}: the file holds weights of the model itself (top_level_model_weights), which Tessera's models do not have. Received: ${top.length} weights`);
  const layers = orderedLayers(model, outline, h5.who).map((l) => ({ layer: l, vars: legacyVariables(l, outline?.nested.get(l.name), h5.who) })).filter((l) => l.vars.length);
  let pairs: [(typeof saved)[0], (typeof layers)[0]][];
  if (byName) {
    const byLayer = new Map(layers.map((l) => [l.layer.name, l]));
    pairs = saved.map((s) => {
      const l = byLayer.get(s.name);
      if (!l) throw new TesseraError(`${h5.who}: the file has weights for layer '${s.name}', which the model does not have (or which has no weights in Tessera). Received: ${s.weights.join(', ')}`);
      return [s, l];
    });
    const covered = new Set(saved.map((s) => s.name));
    const missing = layers.find((l) => !covered.has(l.layer.name));
    if (missing) throw new TesseraError(`${h5.who}: the file has no weights for layer '${missing.layer.name}' (${missing.layer.className}). Received: weights for ${saved.map((s) => s.name).join(', ') || 'no layer'}`);
  } else {
    if (saved.length !== layers.length) {
      throw new TesseraError(`${h5.who}: the model has ${layers.length} layers with weights (${layers.map((l) => l.layer.name).join(', ')}), the file ${saved.length}. Received: ${saved.map((s) => s.name).join(', ')}`);
    }
    pairs = saved.map((s, i) => [s, layers[i]!]);
  }
  for (const [s, { layer, vars }] of pairs) {
    if (s.weights.length !== vars.length) {
      throw new TesseraError(`${h5.who}: layer '${layer.name}' (${layer.className}) expects ${vars.length} weights (${vars.map((v) => fmt(v.shape)).join(', ')}); the file's '${s.name}' has ${s.weights.length}. Received: ${s.weights.join(', ')}`);
    }
    vars.forEach((v, i) => plan.push({ variable: v, path: at(`${s.name}/${s.weights[i]}`), what: `weight '${s.weights[i]}' of layer '${layer.name}'` }));
  }
}

/** Reads every planned value (checked), then assigns them all: a failure leaves the model unchanged. */
function execute(h5: Hdf5File, plan: Planned[], maxBytes: number): void {
  const bytes = plan.reduce((n, p) => n + p.variable.size * 4, 0);
  if (bytes > maxBytes) throw new TesseraError(`${h5.who}: the model's weights take ${bytes} bytes, over the limit of ${maxBytes} (option maxBytes). Received: ${plan.length} weights`);
  const values = plan.map((p) => {
    if (p.variable.dtype !== 'float32') throw new TesseraError(`${h5.who}: ${p.what} is ${p.variable.dtype} in Tessera; Keras weights load into float32 variables. Received: ${p.variable.dtype}`);
    return new Tensor(p.variable.shape, 'float32', h5.readFloats(p.path, p.variable.shape, p.what), null);
  });
  plan.forEach((p, i) => p.variable.assign(values[i]!));
}

export type WeightLayout = { kind: 'keras3'; root: string } | { kind: 'legacy'; root: string };

/** Which layout an HDF5 file of Keras weights uses (null: neither). */
export function weightLayout(h5: Hdf5File): WeightLayout | null {
  if (h5.isGroup('model_weights')) return { kind: 'legacy', root: 'model_weights' };
  if (h5.attr('/', 'layer_names') !== null || h5.attr('/', 'layer_names0') !== null) return { kind: 'legacy', root: '' };
  if (h5.isGroup('layers')) return { kind: 'keras3', root: 'layers' };
  // Files from tf.keras 2.13's .keras format name the layer container this way.
  if (h5.isGroup('_layer_checkpoint_dependencies')) return { kind: 'keras3', root: '_layer_checkpoint_dependencies' };
  if (h5.isGroup('vars')) return { kind: 'keras3', root: 'layers' };
  return null;
}

/** Loads the weights of `h5` (in `layout`) into `model`; `outline` is Keras's layer order when the model came from the file. */
export function assignWeights(model: Model, h5: Hdf5File, layout: WeightLayout, opts: { outline?: KerasOutline; byName: boolean; maxBytes: number }): void {
  const plan: Planned[] = [];
  if (layout.kind === 'keras3') planKeras3Whole(model, h5, layout.root, opts.outline, plan);
  else planLegacy(model, h5, layout.root, opts.byName, opts.outline, plan);
  execute(h5, plan, opts.maxBytes);
}
