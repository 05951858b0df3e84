/** Dispatches each hook to every callback in order, awaiting each (a hook may be async). */
import { Callback, type CallbackModel, type Logs, type TrainingParams } from './callback.js';

export interface CallbackListArgs {
  model: CallbackModel;
  params: TrainingParams;
}

export class CallbackList {
  readonly callbacks: Callback[];
  readonly model: CallbackModel;
  /** Shared with every callback (not copied): a callback may raise `initialEpoch` in onTrainBegin. */
  readonly params: TrainingParams;

  constructor(callbacks: readonly Callback[], { model, params }: CallbackListArgs) {
    this.callbacks = [...callbacks];
    this.model = model;
    this.params = params;
    for (const cb of this.callbacks) {
      cb.setModel(model);
      cb.setParams(params);
    }
  }

  append(callback: Callback): void {
    callback.setModel(this.model);
    callback.setParams(this.params);
    this.callbacks.push(callback);
  }

  // The same logs object goes to every callback, as in Keras: a callback may add to it
  // (ReduceLROnPlateau writes learning_rate) for the ones after it.
  async onTrainBegin(logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTrainBegin(logs); }
  async onTrainEnd(logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTrainEnd(logs); }
  async onEpochBegin(epoch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onEpochBegin(epoch, logs); }
  async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onEpochEnd(epoch, logs); }
  async onTrainBatchBegin(batch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTrainBatchBegin(batch, logs); }
  async onTrainBatchEnd(batch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTrainBatchEnd(batch, logs); }
  async onTestBegin(logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTestBegin(logs); }
  async onTestEnd(logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTestEnd(logs); }
  async onTestBatchBegin(batch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTestBatchBegin(batch, logs); }
  async onTestBatchEnd(batch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTestBatchEnd(batch, logs); }
  async onPredictBegin(logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onPredictBegin(logs); }
  async onPredictEnd(logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onPredictEnd(logs); }
  async onPredictBatchBegin(batch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onPredictBatchBegin(batch, logs); }
  async onPredictBatchEnd(batch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onPredictBatchEnd(batch, logs); }
  async onTrainInterrupt(epoch: number, batch: number, logs: Logs = {}): Promise<void> { for (const cb of this.callbacks) await cb.onTrainInterrupt(epoch, batch, logs); }
}
