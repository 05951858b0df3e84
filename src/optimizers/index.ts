/**
 * Optimizers as `tsr.optimizers.adam({learningRate: 1e-3})`, … (Keras 3 names, defaults and
 * update rules), learning-rate schedules as `tsr.optimizers.schedules.*`, and gradient clipping.
 */
import { TesseraError } from '../core/errors.js';
import { deserialize, describe, type Config } from '../io/serialization.js';
import { Adagrad, type AdagradOptions } from './adagrad.js';
import { Adam, type AdamOptions } from './adam.js';
import { AdamW, type AdamWOptions } from './adamw.js';
import { Optimizer } from './optimizer.js';
import { RMSprop, type RMSpropOptions } from './rmsprop.js';
import { SGD, type SGDOptions } from './sgd.js';

export { Optimizer, type OptimizerOptions, type ParamUpdate } from './optimizer.js';
export { SGD, Adam, AdamW, RMSprop, Adagrad };
export type { SGDOptions, AdamOptions, AdamWOptions, RMSpropOptions, AdagradOptions };
export { clipByValue, clipByNorm, clipByGlobalNorm, globalNorm } from './clipping.js';
export { LearningRateSchedule } from './schedules/index.js';
export * as schedules from './schedules/index.js';

export const sgd = (options: SGDOptions = {}): SGD => new SGD(options);
export const adam = (options: AdamOptions = {}): Adam => new Adam(options);
export const adamw = (options: AdamWOptions = {}): AdamW => new AdamW(options);
export const rmsprop = (options: RMSpropOptions = {}): RMSprop => new RMSprop(options);
export const adagrad = (options: AdagradOptions = {}): Adagrad => new Adagrad(options);

/** Names users may give: the factory name or Keras's class name, in any case ('adam', 'Adam', 'RMSprop'). */
const byName: Record<string, () => Optimizer> = { sgd, adam, adamw, rmsprop, adagrad };

export type OptimizerIdentifier = string | Optimizer | { className: string; config?: Config };

/** An optimizer from a name (Keras defaults), an instance (returned as is) or `{className, config}`. */
export function getOptimizer(identifier: OptimizerIdentifier): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier === 'string') {
    const make = byName[identifier.toLowerCase()];
    if (!make) throw new TesseraError(`getOptimizer: unknown optimizer (known: ${Object.keys(byName).join(', ')}). Received: '${identifier}'`);
    return make();
  }
  if (typeof identifier === 'object' && identifier !== null && typeof identifier.className === 'string') {
    return deserialize<Optimizer>('optimizer', { className: identifier.className, config: identifier.config ?? {} });
  }
  throw new TesseraError(`getOptimizer: expected a name (${Object.keys(byName).join(', ')}), an Optimizer or {className, config}. Received: ${describe(identifier)}`);
}
