/** Models: `sequential([...])`, `model({inputs, outputs})`, and `Model` to subclass. */
import { Functional, type FunctionalArgs } from './functional.js';
import { Sequential, type SequentialArgs } from './sequential.js';
import type { Layer } from '../layers/layer.js';

import type { ModelArgs } from './model.js';
export { Model, type ModelArgs } from './model.js';
export { Functional, Sequential, type FunctionalArgs, type SequentialArgs };

/** `sequential([layers...], {name})` or `sequential({layers, name})`. */
export function sequential(args: SequentialArgs | Layer[] = {}, opts: ModelArgs = {}): Sequential {
  return new Sequential(Array.isArray(args) ? { ...opts, layers: args } : { ...opts, ...args });
}

export function model(args: FunctionalArgs): Functional {
  return new Functional(args);
}
