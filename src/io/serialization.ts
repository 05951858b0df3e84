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
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

/** `{className, config}` of an optional object, as a config value (null when absent). */
export function serializeOrNull(obj: Serializable | null | undefined): ConfigValue {
  return obj ? (serialize(obj) as unknown as ConfigValue) : null;
}
