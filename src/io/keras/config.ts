/**
 * Keras model configs (Keras 3 `config.json`, tf.keras 2 `model_config`) as Tessera configs. Keras
 * class names are Tessera's and Tessera's layer arguments are Keras's in camelCase, so most keys
 * convert mechanically; what differs is handled here: dtype policies, serialized initializers,
 * regularizers and constraints, the input shape keys, functional-model nodes (Keras 3's
 * `{args, kwargs}` with `__keras_tensor__` references, tf.keras 2's `[layer, node, tensor, kwargs]`
 * lists), and options Tessera does not implement, which are refused by name rather than dropped.
 * Only listed classes are built; nothing in the file is ever run (Lambda layers are refused).
 */
import { TesseraError } from '../../core/errors.js';
import { getActivation } from '../../activations/index.js';
import { registeredClassNames, type Config, type ConfigValue, type SerializableKind } from '../serialization.js';

/** Keras's layer order per model (weights are found by it), with the nested models' own. */
export interface KerasOutline {
  layers: string[];
  nested: Map<string, KerasOutline>;
}

export interface ConvertedModel {
  /** `{className, config}` for Tessera's deserialize. */
  model: { className: string; config: Config };
  outline: KerasOutline;
}

type Json = ConfigValue | undefined;
type Obj = { [key: string]: Json };

const MODELS = new Set(['Sequential', 'Functional', 'Model']);
const LAYERS = new Set([
  'InputLayer', 'Dense', 'Activation', 'Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'GaussianNoise',
  'Flatten', 'Reshape', 'Permute', 'RepeatVector', 'Masking', 'ReLU', 'LeakyReLU', 'Softmax',
  'Conv1D', 'Conv2D', 'Conv3D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose',
  'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D',
  'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalAveragePooling3D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalMaxPooling3D',
  'BatchNormalization', 'LayerNormalization', 'Embedding', 'MultiHeadAttention',
  'SimpleRNN', 'LSTM', 'GRU', 'RNN', 'SimpleRNNCell', 'LSTMCell', 'GRUCell', 'Bidirectional',
  'Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate',
]);
const CODE = new Set(['Lambda', 'TFOpLambda', 'SlicingOpLambda', '__lambda__']);

/** Keys that carry nothing Tessera needs (build bookkeeping, performance switches). */
const IGNORED = new Set(['module', 'registered_name', 'build_config', 'compile_config', 'implementation', 'synchronized',
  'use_cudnn', 'optional', 'renorm_clipping', 'renorm_momentum', 'lora_alpha', 'flash_attention']);
/** Options Tessera does not implement: accepted only at their default (their value → a clear error). */
const ONLY_DEFAULT: Record<string, Json> = {
  time_major: false, sparse: false, ragged: false, renorm: false, rms_scaling: false, use_gate: false,
  sliding_window: null, quantization_config: null, lora_rank: null,
};

const MAX_DEPTH = 32;

const isObj = (v: Json | unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = Array.isArray(v) ? 'a list too deeply nested to print' : 'a value too deeply nested to print';
  }
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
};
export const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Refuses configs that name code (Lambda layers, serialized Python functions) anywhere, however nested. */
export function refuseCode(who: string, root: unknown): void {
  const todo: unknown[] = [root];
  for (let seen = 0; todo.length; seen++) {
    if (seen > 1_000_000) throw new TesseraError(`${who}: the model config is too large to inspect (at most a million values). Received: more`);
    const v = todo.pop();
    if (Array.isArray(v)) todo.push(...v);
    else if (isObj(v)) {
      const cls = v['class_name'];
      if (typeof cls === 'string' && CODE.has(cls)) {
        const name = isObj(v['config']) ? v['config']['name'] : undefined;
        throw new TesseraError(`${who}: the model holds a ${cls === '__lambda__' ? 'Python lambda' : `${cls} layer`}${typeof name === 'string' ? ` ('${name}')` : ''}, which is Python code; Tessera never runs code from a file. Rebuild that part with Tessera layers and load the weights with loadKerasWeights. Received: class_name="${cls}"`);
      }
      todo.push(...Object.values(v));
    }
  }
}

/** Config keys that give the length of a weight vector (a bias, embedding rows, attention heads). */
const SIZE_KEYS = ['units', 'filters', 'input_dim', 'output_dim', 'num_heads', 'key_dim', 'value_dim'];

class Converter {
  constructor(readonly who: string, readonly maxBytes: number) {}

  fail(where: string, message: string): never {
    throw new TesseraError(`${this.who}: ${where}${message}`);
  }

  /** A JSON value with undefined entries dropped (the type Tessera configs hold); no config value nests deeply. */
  plain(v: Json, depth = 0): ConfigValue {
    if (depth > MAX_DEPTH) this.fail('', `a config value nests more than ${MAX_DEPTH} levels. Received: a deeper value`);
    if (v === undefined) return null;
    if (Array.isArray(v)) return v.map((x) => this.plain(x, depth + 1));
    if (isObj(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, this.plain(x, depth + 1)]));
    return v;
  }

  /** A Keras dtype or dtype policy as Tessera's dtype (mixed precision keeps float32 variables, so loads as float32). */
  dtype(where: string, value: Json, input: boolean): string {
    const name = isObj(value) && isObj(value['config']) ? value['config']['name'] : value;
    if (name === undefined || name === null) return 'float32';
    if (name === 'float32' || name === 'mixed_float16' || name === 'mixed_bfloat16') return 'float32';
    if (input && (name === 'int32' || name === 'int64' || name === 'bool')) return name;
    if (input && (name === 'uint8' || name === 'int8' || name === 'int16' || name === 'uint16')) return 'int32';
    return this.fail(where, `uses dtype ${show(name)}; Tessera computes in float32 (and int32/int64/bool inputs). Received: dtype=${show(value)}`);
  }

  /** A serialized initializer / regularizer / constraint as Tessera's `{className, config}`. */
  object(where: string, kind: SerializableKind, key: string, value: Json): ConfigValue {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    if (!isObj(value) || typeof value['class_name'] !== 'string') return this.fail(where, `has a malformed ${key}. Received: ${show(value)}`);
    const cls = value['class_name'];
    if (!registeredClassNames(kind).includes(cls)) {
      return this.fail(where, `uses the ${kind} class '${cls}' for ${key}, which Tessera does not have (known: ${registeredClassNames(kind).join(', ')}). Received: ${show(value)}`);
    }
    const config = isObj(value['config']) ? value['config'] : {};
    return { className: cls, config: Object.fromEntries(Object.entries(config).map(([k, v]) => [camel(k), this.plain(v)])) };
  }

  /** An activation: Keras 3 writes a built-in's name, older versions `{class_name: 'function', config: name}`. */
  activation(where: string, value: Json): string {
    // A function from another module is user code that merely shares a name with a built-in.
    const builtin = isObj(value) && (value['module'] === undefined || value['module'] === null || String(value['module']).startsWith('keras'));
    const name = typeof value === 'string' ? value : builtin && typeof value['config'] === 'string' ? value['config'] : null;
    if (name === null) return this.fail(where, `has a custom activation object, which Tessera cannot rebuild. Received: activation=${show(value)}`);
    try {
      getActivation(name);
    } catch {
      return this.fail(where, `uses the activation '${name}', which Tessera does not have. Received: activation=${show(value)}`);
    }
    return name;
  }

  /** One layer's `{class_name, config}` (a model's nested models included) as Tessera's. */
  layer(entry: Json, depth: number, outlines: Map<string, KerasOutline>): { className: string; config: Config } {
    if (depth > MAX_DEPTH) this.fail('', `the model config nests layers more than ${MAX_DEPTH} deep. Received: a deeper config`);
    if (!isObj(entry) || typeof entry['class_name'] !== 'string' || !isObj(entry['config'])) {
      return this.fail('', `a layer entry must be {class_name, config}. Received: ${show(entry)}`);
    }
    const cls = entry['class_name'];
    const raw = entry['config'];
    const name = typeof raw['name'] === 'string' ? raw['name'] : typeof entry['name'] === 'string' ? entry['name'] : '?';
    const where = `layer '${name}' (${cls}) `;
    if (MODELS.has(cls)) {
      const nested = this.model(entry, depth + 1);
      outlines.set(name, nested.outline);
      return nested.model;
    }
    if (!LAYERS.has(cls)) {
      const custom = typeof entry['registered_name'] === 'string' && entry['registered_name'] !== cls ? ` (a custom class, registered as '${entry['registered_name']}')` : '';
      return this.fail('', `unknown Keras layer class '${cls}'${custom} for layer '${name}'; Tessera loads ${[...LAYERS].join(', ')} and Sequential/Functional models. Received: class_name="${cls}"`);
    }
    const config: Config = {};
    for (const [key, value] of Object.entries(raw)) {
      if (IGNORED.has(key)) continue;
      if (key in ONLY_DEFAULT) {
        const ok = value === ONLY_DEFAULT[key] || (value === undefined) || (key === 'lora_rank' && (value === 0 || value === null));
        if (!ok) this.fail(where, `uses ${key}=${show(value)}, which Tessera does not implement. Received: ${key}=${show(value)}`);
        continue;
      }
      if (key === 'dtype') config['dtype'] = this.dtype(where, value, cls === 'InputLayer');
      else if (key === 'batch_shape' || key === 'batch_input_shape') config['batchInputShape'] = this.plain(value);
      else if (key === 'activation' || key === 'recurrent_activation') config[camel(key)] = this.activation(where, value);
      else if (key === 'data_format') {
        if (value !== 'channels_last' && value !== null) this.fail(where, `uses data_format ${show(value)}; Tessera computes channels-last only ([batch, ..., channels]); re-save the model with data_format='channels_last'. Received: data_format=${show(value)}`);
      } else if (key === 'layer' || key === 'backward_layer' || key === 'cell') {
        config[camel(key)] = value === null || value === undefined ? null : (this.layer(value, depth + 1, new Map()) as unknown as ConfigValue);
      } else if (/_(initializer|regularizer|constraint)$/.test(key)) {
        const kind = key.endsWith('initializer') ? 'initializer' : key.endsWith('regularizer') ? 'regularizer' : 'constraint';
        config[camel(key)] = this.object(where, kind, key, value);
      } else config[camel(key)] = this.plain(value);
    }
    // Sizes that set a weight vector's length are checked against the byte limit before anything is
    // built (constant-initialized weights are allocated when the layer is built).
    for (const key of SIZE_KEYS) {
      const v = raw[key];
      if (v !== undefined && v !== null && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) * 4 <= this.maxBytes)) {
        this.fail(where, `has ${key}=${show(v)}; it must be an integer ≥ 0 whose weights fit the byte limit (${this.maxBytes} bytes, option maxBytes). Received: ${key}=${show(v)}`);
      }
    }
    const shape = raw['batch_shape'] ?? raw['batch_input_shape'];
    if (shape !== undefined && shape !== null && (!Array.isArray(shape) || !shape.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 0 && (d as number) * 4 <= this.maxBytes)))) {
      this.fail(where, `has an invalid input shape (dimensions must be null or integers ≥ 0 within the byte limit). Received: ${show(shape)}`);
    }
    if (cls === 'BatchNormalization' && Array.isArray(config['axis'])) {
      // tf.keras 2 saves the built axes as a list, e.g. [3]; Tessera normalises over one axis.
      const axes = config['axis'];
      if (axes.length !== 1) this.fail(where, `normalises over several axes, which Tessera's BatchNormalization does not. Received: axis=${show(axes)}`);
      config['axis'] = axes[0]!;
    }
    if (cls === 'LeakyReLU' && 'alpha' in config) {
      config['negativeSlope'] = config['alpha']!; // tf.keras 2's name for it
      delete config['alpha'];
    }
    return { className: cls, config };
  }

  /** A Sequential or Functional model entry. */
  model(entry: Obj, depth: number): ConvertedModel {
    const cls = entry['class_name'] as string;
    const raw = entry['config'] as Obj;
    const layers = raw['layers'];
    const name = typeof raw['name'] === 'string' ? raw['name'] : undefined;
    if (!Array.isArray(layers)) return this.fail(`model '${name ?? '?'}' `, `has no 'layers' list. Received: layers=${show(layers)}`);
    const base: Config = { trainable: raw['trainable'] !== false, ...(name ? { name } : {}) };
    const nested = new Map<string, KerasOutline>();
    if (cls === 'Sequential') {
      const converted = layers.map((l) => this.layer(l, depth, nested));
      const names = converted.map((c) => c.config['name'] as string);
      const buildShape = raw['build_input_shape'] ?? (isObj(entry['build_config']) ? entry['build_config']['input_shape'] : undefined);
      const first = converted[0];
      if (first && first.className !== 'InputLayer' && !first.config['batchInputShape'] && Array.isArray(buildShape)) {
        // A model built with model.build(shape) records the shape here instead of in an InputLayer.
        converted.unshift({ className: 'InputLayer', config: { name: `${name ?? 'sequential'}_input`, batchInputShape: this.plain(buildShape) } });
      }
      const outline = { layers: names.filter((_, i) => layers[i] && (layers[i] as Obj)['class_name'] !== 'InputLayer'), nested };
      return { model: { className: 'Sequential', config: { ...base, layers: converted as unknown as ConfigValue } }, outline };
    }
    return this.functional(raw, base, layers, depth, nested);
  }

  private functional(raw: Obj, base: Config, layers: Json[], depth: number, nested: Map<string, KerasOutline>): ConvertedModel {
    const names = layers.map((l) => (isObj(l) && typeof l['name'] === 'string' ? l['name'] : isObj(l) && isObj(l['config']) ? l['config']['name'] : undefined));
    names.forEach((n, i) => {
      if (typeof n !== 'string') this.fail('', `functional layer ${i} has no name. Received: ${show(layers[i])}`);
    });
    if (new Set(names).size !== names.length) this.fail('', `two layers of the functional model share a name. Received: ${show(names)}`);
    // Keras numbers a nested functional model's nodes after the one linking its own inputs to outputs.
    const offset = new Map(layers.map((l, i) => [names[i] as string, isObj(l) && (l['class_name'] === 'Functional' || l['class_name'] === 'Model') ? 1 : 0]));
    const ref = (r: Json, where: string): ConfigValue => {
      if (!Array.isArray(r) || typeof r[0] !== 'string' || !Number.isInteger(r[1]) || !Number.isInteger(r[2]) || !offset.has(r[0])) {
        return this.fail(where, `refers to an unknown tensor. Received: ${show(r)}`);
      }
      return [r[0], (r[1] as number) - offset.get(r[0])!, r[2] as number];
    };
    const tessera = layers.map((l, i) => {
      const converted = this.layer(l, depth, nested);
      const where = `layer '${names[i]}' (${converted.className}) `;
      const nodes = (l as Obj)['inbound_nodes'];
      if (!Array.isArray(nodes)) this.fail(where, `has no inbound_nodes list. Received: ${show(nodes)}`);
      return { ...converted, name: names[i]!, inboundNodes: nodes.map((n) => this.node(n, where, converted.className, ref)) };
    });
    const io = (v: Json, what: string): ConfigValue => {
      if (Array.isArray(v) && typeof v[0] === 'string') return ref(v, `${what} `);
      // tf.keras 2 lists even a single input or output; such a model takes and returns one tensor.
      if (Array.isArray(v) && v.length === 1) return io(v[0], what);
      if (Array.isArray(v)) return v.map((x) => io(x, what));
      if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, io(x, what)]));
      return this.fail('', `the functional model's ${what} are missing. Received: ${show(v)}`);
    };
    const config: Config = { ...base, layers: tessera as unknown as ConfigValue, inputLayers: io(raw['input_layers'], 'input_layers'), outputLayers: io(raw['output_layers'], 'output_layers') };
    return { model: { className: 'Functional', config }, outline: { layers: names as string[], nested } };
  }

  /** One call of a layer: Keras 3 `{args, kwargs}` or tf.keras 2 `[[layer, node, tensor, kwargs], ...]`. */
  private node(n: Json, where: string, cls: string, ref: (r: Json, where: string) => ConfigValue): ConfigValue {
    let tensors: Json[];
    let asList: boolean;
    let kwargs: Obj;
    const isTensor = (v: Json): boolean => isObj(v) && v['class_name'] === '__keras_tensor__';
    const history = (v: Json): Json => (isObj(v) && isObj(v['config']) ? v['config']['keras_history'] : undefined);
    if (isObj(n)) {
      const args = Array.isArray(n['args']) ? n['args'] : [];
      kwargs = isObj(n['kwargs']) ? { ...n['kwargs'] } : {};
      if (args.length === 1 && Array.isArray(args[0])) [tensors, asList] = [args[0], true];
      else [tensors, asList] = [args, args.length > 1];
      if (!tensors.every(isTensor)) this.fail(where, `is called with arguments that are not tensors. Received: args=${show(args)}`);
      tensors = tensors.map(history);
    } else if (Array.isArray(n)) {
      tensors = n.map((r) => (Array.isArray(r) ? r.slice(0, 3) : r));
      asList = n.length > 1;
      const last = Array.isArray(n[0]) ? n[0][3] : undefined;
      kwargs = isObj(last) ? { ...last } : {};
    } else return this.fail(where, `has a malformed inbound node. Received: ${show(n)}`);
    // Tensors passed by keyword become inputs where Tessera takes them as a list.
    const tensorKw = (v: Json): Json[] | null => {
      if (isTensor(v)) return [history(v)];
      if (Array.isArray(v) && typeof v[0] === 'string' && v.length >= 3) return [v];
      if (Array.isArray(v) && v.length && v.every((x) => isTensor(x) || Array.isArray(x))) return v.map((x) => (isTensor(x) ? history(x) : x));
      return null;
    };
    const moved: string[] = cls === 'MultiHeadAttention' ? ['value', 'key'] : ['initial_state'];
    for (const key of moved) {
      const extra = kwargs[key] === undefined ? null : tensorKw(kwargs[key]);
      if (extra) {
        tensors = [...tensors, ...extra];
        asList = true;
        delete kwargs[key];
      }
    }
    const out: Config = {};
    for (const [key, value] of Object.entries(kwargs)) {
      if (value === null || value === undefined || key === 'training') continue;
      if (tensorKw(value)) this.fail(where, `is called with the tensor argument '${key}', which Tessera's functional models do not take. Received: ${key}=${show(value)}`);
      out[camel(key)] = this.plain(value);
    }
    return { args: tensors.map((t) => ref(t, where)), asList, kwargs: out };
  }
}


/** A whole Keras model config (Keras 3 config.json, or tf.keras 2's model_config) as a Tessera model config. */
export function convertKerasModel(who: string, root: unknown, maxBytes: number): ConvertedModel {
  refuseCode(who, root);
  if (!isObj(root) || typeof root['class_name'] !== 'string' || !isObj(root['config'])) {
    throw new TesseraError(`${who}: the model config must be {class_name, config}. Received: ${show(root)}`);
  }
  const cls = root['class_name'];
  if (!MODELS.has(cls)) {
    throw new TesseraError(`${who}: the file holds a '${cls}' model; Tessera rebuilds Sequential and Functional models only (a subclassed model's code is in Python: rebuild it in Tessera and use loadKerasWeights). Received: class_name="${cls}"`);
  }
  return new Converter(who, maxBytes).model(root, 0);
}
