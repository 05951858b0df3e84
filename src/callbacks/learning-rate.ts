/** Shared by the callbacks that set the learning rate. */
import { TesseraError } from '../core/errors.js';
import type { CallbackModel } from './callback.js';

type CallbackOptimizer = NonNullable<CallbackModel['optimizer']>;

/**
 * The optimizer whose rate a callback may set. A rate given as a schedule is not settable, as in
 * Keras 3: overwriting it with a number would silently drop the schedule.
 */
export function settableOptimizer(who: string, model: CallbackModel): CallbackOptimizer {
  const opt = model.optimizer;
  if (!opt) throw new TesseraError(`${who}: the model has no optimizer; compile it before fit. Received: optimizer=null`);
  if (typeof opt.learningRate !== 'number') {
    throw new TesseraError(`${who}: the optimizer's learning rate is a schedule, which this callback cannot set; give the optimizer a number as learningRate, or drop the callback. Received: learningRate=${(opt.learningRate as { className?: string }).className ?? 'a schedule'}`);
  }
  return opt;
}
