/** Helpers shared by the embedding layers. */
import { OpError } from '../../core/errors.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';

/** Keras's short names of the plain random initializers, which embedding layers default to. */
const KERAS_SHORT_NAMES: Record<string, string> = { uniform: 'RandomUniform', normal: 'RandomNormal' };

/** getInitializer, also accepting Keras's 'uniform' (RandomUniform ±0.05) and 'normal' (RandomNormal). */
export function embeddingInitializer(id: InitializerIdentifier): Initializer {
  return getInitializer(typeof id === 'string' && KERAS_SHORT_NAMES[id] ? KERAS_SHORT_NAMES[id]! : id);
}

/** The `startIndex` call option of position layers (a JS integer ≥ 0; default 0). */
export function startIndexOf(layerName: string, kwargs: Readonly<Record<string, unknown>>): number {
  const start = kwargs['startIndex'] ?? 0;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) {
    throw new OpError(layerName, `startIndex must be an integer ≥ 0. Received: startIndex=${String(start)}`);
  }
  return start;
}
