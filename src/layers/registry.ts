/**
 * Layer classes register under their Keras class name; their constructor takes the same keys as
 * their config, so `new Dense(layer.getConfig())` rebuilds a layer (weights aside).
 */
import { registerSerializable, type Config } from '../io/serialization.js';
import type { Layer } from './layer.js';

export function registerLayer(className: string, ctor: new (config: never) => Layer): void {
  registerSerializable('layer', className, (config: Config) => new (ctor as unknown as new (c: Config) => Layer)(config));
}
