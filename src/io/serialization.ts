/**
 * Serialisation of configurable objects (layers, optimizers, losses, metrics, initializers,
 * regularizers, constraints, schedules, callbacks) as Keras does it: `{className, config}` where
 * config is plain JSON. Each class registers itself under its kind and Keras class name; loading a
 * model only ever calls registered constructors, never code from the file.
 */
import { TesseraError } from '../core/errors.js';

export type ConfigValue = null | boolean | number | string | ConfigValue[] | { [key: string]: ConfigValue };
export type Config = { [key: string]: ConfigValue };

export type SerializableKind =
  | 'layer' | 'optimizer' | 'loss' | 'metric' | 'initializer' | 'regularizer' | 'constraint' | 'schedule' | 'callback';

/** What every configurable object offers: its registered class name and a JSON config. */
export interface Serializable {
  readonly className: string;
  getConfig(): Config;
}

export interface SerializedObject {
  className: string;
  config: Config;
}

type Factory = (config: Config) => Serializable;
const registry = new Map<SerializableKind, Map<string, Factory>>();

/** Registers `fromConfig` for `className` (Keras's name, e.g. 'Dense', 'Adam', 'GlorotUniform'). */
export function registerSerializable(kind: SerializableKind, className: string, fromConfig: Factory): void {
  let byName = registry.get(kind);
  if (!byName) registry.set(kind, (byName = new Map()));
  byName.set(className, fromConfig);
}

export function registeredClassNames(kind: SerializableKind): string[] {
  return [...(registry.get(kind)?.keys() ?? [])].sort();
}

export function serialize(obj: Serializable): SerializedObject {
  return { className: obj.className, config: obj.getConfig() };
}

/** Rebuilds an object from `{className, config}`; unknown names fail with the known ones listed. */
export function deserialize<T extends Serializable>(kind: SerializableKind, value: unknown): T {
  if (typeof value !== 'object' || value === null || typeof (value as SerializedObject).className !== 'string') {
    throw new TesseraError(`deserialize: a ${kind} must be {className, config}. Received: ${describe(value)}`);
  }
  const { className, config } = value as SerializedObject;
  const factory = registry.get(kind)?.get(className);
  if (!factory) {
    throw new TesseraError(`deserialize: unknown ${kind} class '${className}' (known: ${registeredClassNames(kind).join(', ') || 'none'})`);
  }
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
    throw new TesseraError(`deserialize: the config of ${kind} '${className}' must be an object. Received: ${describe(config)}`);
  }
  return factory(config ?? {}) as T;
}

/** A short description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    // A cycle or a value nested too deeply for the stack (String() of such an array overflows too).
    s = Array.isArray(value) ? 'a list too deeply nested to print' : typeof value === 'object' ? 'an object too deeply nested to print' : typeof value;
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** `{className, config}` of an optional object, as a config value (null when absent). */
export function serializeOrNull(obj: Serializable | null | undefined): ConfigValue {
  return obj ? (serialize(obj) as unknown as ConfigValue) : null;
}

/** Most nesting a loaded config may have (a model of models of layers is a few levels; JSON bombs are thousands). */
export const MAX_CONFIG_DEPTH = 64;

const LAZY_INITIALIZER = { className: 'RandomUniform', config: { minval: -1, maxval: 1 } };
/** The initializer arguments Tessera's layers take: set on every layer of a probe, so defaults (zeros, ones) are lazy too. */
const INITIALIZER_KEYS = ['kernelInitializer', 'biasInitializer', 'recurrentInitializer', 'embeddingsInitializer', 'gammaInitializer',
  'betaInitializer', 'movingMeanInitializer', 'movingVarianceInitializer', 'depthwiseInitializer', 'pointwiseInitializer', 'alphaInitializer', 'initializer'];

/**
 * A copy of a serialized config for a probe model: every initializer (`…Initializer` keys, and the
 * defaults of those left out) draws random values lazily, so building the probe declares its weights
 * without allocating them (constant, identity and unit-forget-bias initializers allocate at once). A
 * loader counts the bytes the probe declares and refuses a config that asks for more than it may
 * before building the real model. Also refuses configs nested more deeply than MAX_CONFIG_DEPTH.
 */
export function probeConfig(who: string, value: unknown, depth = 0): unknown {
  if (depth > MAX_CONFIG_DEPTH) throw new TesseraError(`${who}: the config nests more than ${MAX_CONFIG_DEPTH} levels deep. Received: a deeper value`);
  if (Array.isArray(value)) return value.map((v) => probeConfig(who, v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key.endsWith('Initializer') && v !== null && v !== undefined ? LAZY_INITIALIZER : probeConfig(who, v, depth + 1);
  }
  const config = out['config'];
  if (typeof out['className'] === 'string' && typeof config === 'object' && config !== null && !Array.isArray(config)) {
    const c = config as Record<string, unknown>;
    for (const key of INITIALIZER_KEYS) c[key] ??= LAZY_INITIALIZER;
    if ('unitForgetBias' in c || out['className'] === 'LSTM' || out['className'] === 'LSTMCell') c['unitForgetBias'] = false;
  }
  return out;
}
