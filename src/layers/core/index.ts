/** Core layers as factories (`tsr.layers.dense({units: 10})`) and classes. */
import { Dense, type DenseArgs } from './dense.js';

export { Dense, type DenseArgs };
export { InputLayer, input, type InputArgs } from './input-layer.js';

export const dense = (args: DenseArgs): Dense => new Dense(args);
