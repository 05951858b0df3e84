/** A callback from plain functions, for one-off hooks (Keras's LambdaCallback). */
import { TesseraError } from '../core/errors.js';
import { Callback, type HookResult, type Logs } from './callback.js';

type Hook = (this: LambdaCallback, logs: Logs) => HookResult;
type IndexedHook = (this: LambdaCallback, index: number, logs: Logs) => HookResult;

/** Any of Callback's hooks; `this` is the callback (its `model` and `params` are set). */
export interface LambdaCallbackOptions {
  onTrainBegin?: Hook;
  onTrainEnd?: Hook;
  onEpochBegin?: IndexedHook;
  onEpochEnd?: IndexedHook;
  onTrainBatchBegin?: IndexedHook;
  onTrainBatchEnd?: IndexedHook;
  onTestBegin?: Hook;
  onTestEnd?: Hook;
  onTestBatchBegin?: IndexedHook;
  onTestBatchEnd?: IndexedHook;
  onPredictBegin?: Hook;
  onPredictEnd?: Hook;
  onPredictBatchBegin?: IndexedHook;
  onPredictBatchEnd?: IndexedHook;
}

const HOOKS = [
  'onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onTrainBatchBegin', 'onTrainBatchEnd',
  'onTestBegin', 'onTestEnd', 'onTestBatchBegin', 'onTestBatchEnd',
  'onPredictBegin', 'onPredictEnd', 'onPredictBatchBegin', 'onPredictBatchEnd',
] as const;

export class LambdaCallback extends Callback {
  private readonly hooks: LambdaCallbackOptions;

  constructor(hooks: LambdaCallbackOptions = {}) {
    super();
    if (typeof hooks !== 'object' || hooks === null) throw new TesseraError(`lambdaCallback: expects an object of hooks, e.g. {onEpochEnd: (epoch, logs) => ...}. Received: ${String(hooks)}`);
    // A misspelt hook would otherwise never run, silently.
    for (const [name, fn] of Object.entries(hooks)) {
      if (!(HOOKS as readonly string[]).includes(name)) throw new TesseraError(`lambdaCallback: unknown hook '${name}' (known: ${HOOKS.join(', ')}). Received: ${name}`);
      if (fn !== undefined && typeof fn !== 'function') throw new TesseraError(`lambdaCallback: ${name} must be a function. Received: ${name}=${String(fn)}`);
    }
    this.hooks = { ...hooks };
  }

  override onTrainBegin(logs: Logs): HookResult { return this.hooks.onTrainBegin?.call(this, logs); }
  override onTrainEnd(logs: Logs): HookResult { return this.hooks.onTrainEnd?.call(this, logs); }
  override onEpochBegin(epoch: number, logs: Logs): HookResult { return this.hooks.onEpochBegin?.call(this, epoch, logs); }
  override onEpochEnd(epoch: number, logs: Logs): HookResult { return this.hooks.onEpochEnd?.call(this, epoch, logs); }
  override onTrainBatchBegin(batch: number, logs: Logs): HookResult { return this.hooks.onTrainBatchBegin?.call(this, batch, logs); }
  override onTrainBatchEnd(batch: number, logs: Logs): HookResult { return this.hooks.onTrainBatchEnd?.call(this, batch, logs); }
  override onTestBegin(logs: Logs): HookResult { return this.hooks.onTestBegin?.call(this, logs); }
  override onTestEnd(logs: Logs): HookResult { return this.hooks.onTestEnd?.call(this, logs); }
  override onTestBatchBegin(batch: number, logs: Logs): HookResult { return this.hooks.onTestBatchBegin?.call(this, batch, logs); }
  override onTestBatchEnd(batch: number, logs: Logs): HookResult { return this.hooks.onTestBatchEnd?.call(this, batch, logs); }
  override onPredictBegin(logs: Logs): HookResult { return this.hooks.onPredictBegin?.call(this, logs); }
  override onPredictEnd(logs: Logs): HookResult { return this.hooks.onPredictEnd?.call(this, logs); }
  override onPredictBatchBegin(batch: number, logs: Logs): HookResult { return this.hooks.onPredictBatchBegin?.call(this, batch, logs); }
  override onPredictBatchEnd(batch: number, logs: Logs): HookResult { return this.hooks.onPredictBatchEnd?.call(this, batch, logs); }
}

export function lambdaCallback(hooks: LambdaCallbackOptions = {}): LambdaCallback {
  return new LambdaCallback(hooks);
}
