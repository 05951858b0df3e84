/**
 * Initializers make a layer's starting weights (Keras names and formulas). Seeded initializers
 * give the same values every time; unseeded ones draw from the global key (`setSeed`).
 */
import type { DType } from '../core/dtype.js';
import { TesseraError } from '../core/errors.js';
import type { Shape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { nextKey, randomKey, type RandomKey } from '../ops/random/key.js';
import { deserialize, describe, registerSerializable, type Config, type Serializable } from '../io/serialization.js';

export abstract class Initializer implements Serializable {
  abstract readonly className: string;
  abstract call(shape: Shape, dtype?: DType): Tensor;
  getConfig(): Config {
    return {};
  }
}

/** Base of random initializers: an optional seed makes them deterministic. */
export abstract class SeededInitializer extends Initializer {
  readonly seed: number | null;
  constructor(seed?: number | null) {
    super();
    this.seed = seed ?? null;
  }
  protected key(): RandomKey {
    return this.seed === null ? nextKey() : randomKey(this.seed);
  }
  override getConfig(): Config {
    return { seed: this.seed };
  }
}

/** Fan-in and fan-out of a weight shape, as Keras computes them (receptive field × channels). */
export function computeFans(shape: Shape): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[shape.length - 2]! * receptive, fanOut: shape[shape.length - 1]! * receptive };
}

const aliases = new Map<string, string>();

/** Registers an initializer class and the names users may give it ('glorotUniform', 'glorot_uniform'). */
export function registerInitializer(className: string, names: readonly string[], fromConfig: (c: Config) => Initializer): void {
  registerSerializable('initializer', className, fromConfig);
  for (const n of [className, ...names]) aliases.set(n.toLowerCase().replace(/_/g, ''), className);
}

export type InitializerIdentifier = string | Initializer | { className: string; config?: Config };

export function getInitializer(id: InitializerIdentifier): Initializer {
  if (id instanceof Initializer) return id;
  if (typeof id === 'string') {
    const className = aliases.get(id.toLowerCase().replace(/_/g, ''));
    if (!className) {
      throw new TesseraError(`getInitializer: unknown initializer '${id}' (known: ${[...new Set(aliases.values())].sort().join(', ')})`);
    }
    return deserialize<Initializer>('initializer', { className, config: {} });
  }
  if (typeof id === 'object' && id !== null && typeof id.className === 'string') {
    const className = aliases.get(id.className.toLowerCase().replace(/_/g, '')) ?? id.className;
    return deserialize<Initializer>('initializer', { className, config: id.config ?? {} });
  }
  throw new TesseraError(`getInitializer: expected a name, an Initializer or {className, config}. Received: ${describe(id)}`);
}
