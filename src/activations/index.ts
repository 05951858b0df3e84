/**
 * Activation functions by Keras name. Layers take `activation: 'relu'` or a function; a layer's
 * config stores the name, so a function must be registered (`registerActivation`) to be saved.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { describe } from '../io/serialization.js';
import { abs } from '../ops/elementwise/abs.js';
import { add } from '../ops/elementwise/add.js';
import { clip } from '../ops/elementwise/clip.js';
import { div } from '../ops/elementwise/div.js';
import { elu } from '../ops/elementwise/elu.js';
import { exp } from '../ops/elementwise/exp.js';
import { gelu } from '../ops/elementwise/gelu.js';
import { leakyRelu } from '../ops/elementwise/leaky-relu.js';
import { mul } from '../ops/elementwise/mul.js';
import { relu } from '../ops/elementwise/relu.js';
import { selu } from '../ops/elementwise/selu.js';
import { sigmoid } from '../ops/elementwise/sigmoid.js';
import { softplus } from '../ops/elementwise/softplus.js';
import { tanh } from '../ops/elementwise/tanh.js';
import { logSoftmax } from '../ops/composite/log-softmax.js';
import { softmax } from '../ops/composite/softmax.js';

export type ActivationFn = (x: Tensor) => Tensor;

const byName = new Map<string, ActivationFn>();
const nameOf = new Map<ActivationFn, string>();

/** Makes `fn` usable (and saveable) as `activation: name`. */
export function registerActivation(name: string, fn: ActivationFn): void {
  byName.set(normalize(name), fn);
  if (!nameOf.has(fn)) nameOf.set(fn, name);
}

/** 'leakyRelu', 'leaky_relu' and 'LeakyReLU' are the same name. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

export const linear: ActivationFn = (x) => x;
export const swish: ActivationFn = (x) => mul(x, sigmoid(x));
export const relu6: ActivationFn = (x) => clip(x, 0, 6);
export const hardSigmoid: ActivationFn = (x) => clip(add(mul(x, 1 / 6), 0.5), 0, 1);
export const softsign: ActivationFn = (x) => div(x, add(abs(x), 1));
export const mish: ActivationFn = (x) => mul(x, tanh(softplus(x)));

registerActivation('linear', linear);
registerActivation('relu', relu);
registerActivation('relu6', relu6);
registerActivation('sigmoid', sigmoid);
registerActivation('hard_sigmoid', hardSigmoid);
registerActivation('tanh', tanh);
registerActivation('softmax', (x) => softmax(x, -1));
registerActivation('log_softmax', (x) => logSoftmax(x, -1));
registerActivation('gelu', (x) => gelu(x));
registerActivation('elu', (x) => elu(x));
registerActivation('selu', selu);
registerActivation('swish', swish);
registerActivation('silu', swish);
registerActivation('leaky_relu', (x) => leakyRelu(x));
registerActivation('softplus', softplus);
registerActivation('softsign', softsign);
registerActivation('exponential', exp);
registerActivation('mish', mish);

export type ActivationIdentifier = string | ActivationFn | null | undefined;

/** The function for an activation name (null/undefined: linear). */
export function getActivation(id: ActivationIdentifier): ActivationFn {
  if (id === null || id === undefined) return linear;
  if (typeof id === 'function') return id;
  if (typeof id === 'string') {
    const fn = byName.get(normalize(id));
    if (fn) return fn;
    throw new TesseraError(`getActivation: unknown activation '${id}' (known: ${[...new Set(nameOf.values())].sort().join(', ')})`);
  }
  throw new TesseraError(`getActivation: expected a name or a function. Received: ${describe(id)}`);
}

/** The name a layer config stores for an activation (Keras snake_case names). */
export function activationName(id: ActivationIdentifier, where: string): string {
  if (id === null || id === undefined) return 'linear';
  if (typeof id === 'string') {
    getActivation(id);
    return nameOf.get(byName.get(normalize(id))!) ?? id;
  }
  const name = nameOf.get(id);
  if (name) return name;
  throw new TesseraError(`${where}: a custom activation function cannot be saved in a config; register it with registerActivation(name, fn). Received: a function`);
}
