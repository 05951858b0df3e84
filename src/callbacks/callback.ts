/**
 * Callbacks with Keras's hook names, called by fit/evaluate/predict (src/train/loop.ts). Epochs and
 * batches are 0-based in hooks; batch logs hold the running means of the epoch so far.
 */
import type { Tensor } from '../core/tensor.js';

export type Logs = Record<string, number>;

export interface TrainingParams {
  epochs: number;
  steps: number | null;
  verbose: 0 | 1 | 2;
  samples?: number;
  /** fit starts at this epoch; a callback may raise it in onTrainBegin (BackupAndRestore resumes). */
  initialEpoch: number;
}

/** What callbacks may use of the model being trained. */
export interface CallbackModel {
  stopTraining: boolean;
  readonly optimizer: { learningRate: number | { at(step: number): number }; iterations: number; currentLearningRate(): number } | null;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
  save(path: string, opts?: { includeOptimizer?: boolean }): Promise<void>;
  saveWeights(path: string): Promise<void>;
  loadState(path: string): Promise<void>;
}

export abstract class Callback {
  model: CallbackModel | null = null;
  params: TrainingParams | null = null;
  setModel(model: CallbackModel): void {
    this.model = model;
  }
  setParams(params: TrainingParams): void {
    this.params = params;
  }
  onTrainBegin?(logs: Logs): void | Promise<void>;
  onTrainEnd?(logs: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onTrainBatchBegin?(batch: number, logs: Logs): void | Promise<void>;
  onTrainBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
  onTestBegin?(logs: Logs): void | Promise<void>;
  onTestEnd?(logs: Logs): void | Promise<void>;
  onTestBatchBegin?(batch: number, logs: Logs): void | Promise<void>;
  onTestBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
  onPredictBegin?(logs: Logs): void | Promise<void>;
  onPredictEnd?(logs: Logs): void | Promise<void>;
  onPredictBatchBegin?(batch: number, logs: Logs): void | Promise<void>;
  onPredictBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
}

type Hook = Exclude<keyof Callback, 'model' | 'params' | 'setModel' | 'setParams'>;

/** Calls a hook on every callback in order, awaiting each (a callback may save files). */
export class CallbackList {
  readonly callbacks: Callback[];
  constructor(callbacks: readonly Callback[], { model, params }: { model: CallbackModel; params: TrainingParams }) {
    this.callbacks = [...callbacks];
    for (const c of this.callbacks) {
      c.setModel(model);
      c.setParams(params);
    }
  }
  private async call(hook: Hook, args: unknown[]): Promise<void> {
    for (const c of this.callbacks) {
      const fn = c[hook] as ((...a: unknown[]) => void | Promise<void>) | undefined;
      if (fn) await fn.apply(c, args);
    }
  }
  onTrainBegin(logs: Logs = {}): Promise<void> { return this.call('onTrainBegin', [logs]); }
  onTrainEnd(logs: Logs = {}): Promise<void> { return this.call('onTrainEnd', [logs]); }
  onEpochBegin(epoch: number, logs: Logs = {}): Promise<void> { return this.call('onEpochBegin', [epoch, logs]); }
  onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> { return this.call('onEpochEnd', [epoch, logs]); }
  onTrainBatchBegin(batch: number, logs: Logs = {}): Promise<void> { return this.call('onTrainBatchBegin', [batch, logs]); }
  onTrainBatchEnd(batch: number, logs: Logs = {}): Promise<void> { return this.call('onTrainBatchEnd', [batch, logs]); }
  onTestBegin(logs: Logs = {}): Promise<void> { return this.call('onTestBegin', [logs]); }
  onTestEnd(logs: Logs = {}): Promise<void> { return this.call('onTestEnd', [logs]); }
  onTestBatchBegin(batch: number, logs: Logs = {}): Promise<void> { return this.call('onTestBatchBegin', [batch, logs]); }
  onTestBatchEnd(batch: number, logs: Logs = {}): Promise<void> { return this.call('onTestBatchEnd', [batch, logs]); }
  onPredictBegin(logs: Logs = {}): Promise<void> { return this.call('onPredictBegin', [logs]); }
  onPredictEnd(logs: Logs = {}): Promise<void> { return this.call('onPredictEnd', [logs]); }
  onPredictBatchBegin(batch: number, logs: Logs = {}): Promise<void> { return this.call('onPredictBatchBegin', [batch, logs]); }
  onPredictBatchEnd(batch: number, logs: Logs = {}): Promise<void> { return this.call('onPredictBatchEnd', [batch, logs]); }
}

/** Hooks given as functions (Keras LambdaCallback). */
export class LambdaCallback extends Callback {
  constructor(hooks: Partial<Pick<Callback, Hook>>) {
    super();
    Object.assign(this, hooks);
  }
}

/** Records every epoch's logs; `fit` returns it. */
export class History extends Callback {
  epoch: number[] = [];
  history: Record<string, number[]> = {};
  override onTrainBegin(): void {
    this.epoch = [];
    this.history = {};
  }
  override onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}

/** Stops training when the batch loss is NaN or infinite, naming where. */
export class TerminateOnNaN extends Callback {
  private epoch = 0;
  message: string | null = null;
  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }
  override onTrainBatchEnd(batch: number, logs: Logs): void {
    const loss = logs['loss'];
    if (loss !== undefined && !Number.isFinite(loss)) {
      this.message = `Batch ${batch} of epoch ${this.epoch + 1}: invalid loss ${loss}, terminating training`;
      console.warn(this.message);
      this.model!.stopTraining = true;
    }
  }
}
