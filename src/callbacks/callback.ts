/**
 * The callback contract of `fit`, `evaluate` and `predict`, with Keras's hook names. Callbacks see
 * the model only through `CallbackModel`, so they can be tested (and reused) without a real model.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';

/** Keras names: loss, accuracy, val_loss, val_accuracy, learning_rate, ... (batch-begin logs hold `size`). */
export type Logs = Record<string, number>;

export interface TrainingParams {
  epochs: number;
  steps: number | null;
  verbose: 0 | 1 | 2;
  samples?: number;
  /** fit starts at this epoch; a callback may raise it in onTrainBegin (BackupAndRestore resumes). */
  initialEpoch: number;
  /**
   * fit starts the first epoch at this batch (0-based), skipping the ones before it: a callback may
   * set it in onTrainBegin (BackupAndRestore resuming mid-epoch). Default 0.
   */
  initialBatch?: number;
}

/** What callbacks may use of the model being trained. */
export interface CallbackModel {
  stopTraining: boolean;
  readonly optimizer: {
    learningRate: number | { at(step: number): number };
    iterations: number;
    currentLearningRate(): number;
  } | null;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
  /** Writes the model (config, weights, and optimizer state unless includeOptimizer is false) to a folder. */
  save(path: string, opts?: { includeOptimizer?: boolean }): Promise<void>;
  /** Writes only the weights (a safetensors file). */
  saveWeights(path: string): Promise<void>;
  /** Restores weights and optimizer state saved by `save` into this model (same architecture). */
  loadState(path: string): Promise<void>;
}

/** A hook's result: callbacks may be synchronous or asynchronous; the list awaits each in turn. */
export type HookResult = void | Promise<void>;

/**
 * Base class of all callbacks: override the hooks you need (epochs are 0-based, batches are
 * 0-based within an epoch, as in Keras). `model` and `params` are set by the CallbackList.
 */
export abstract class Callback {
  model: CallbackModel | null = null;
  params: TrainingParams | null = null;

  setModel(model: CallbackModel): void {
    this.model = model;
  }

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  onTrainBegin(_logs: Logs): HookResult {}
  onTrainEnd(_logs: Logs): HookResult {}
  onEpochBegin(_epoch: number, _logs: Logs): HookResult {}
  onEpochEnd(_epoch: number, _logs: Logs): HookResult {}
  onTrainBatchBegin(_batch: number, _logs: Logs): HookResult {}
  onTrainBatchEnd(_batch: number, _logs: Logs): HookResult {}
  onTestBegin(_logs: Logs): HookResult {}
  onTestEnd(_logs: Logs): HookResult {}
  onTestBatchBegin(_batch: number, _logs: Logs): HookResult {}
  onTestBatchEnd(_batch: number, _logs: Logs): HookResult {}
  onPredictBegin(_logs: Logs): HookResult {}
  onPredictEnd(_logs: Logs): HookResult {}
  onPredictBatchBegin(_batch: number, _logs: Logs): HookResult {}
  onPredictBatchEnd(_batch: number, _logs: Logs): HookResult {}
  /**
   * Not a Keras hook: fit was asked to stop (its `signal` aborted, e.g. Ctrl-C) and does so after
   * batch `batch` of epoch `epoch`, without onEpochEnd or onTrainEnd (the epoch is incomplete);
   * BackupAndRestore saves here. `logs` are the last batch-end logs.
   */
  onTrainInterrupt(_epoch: number, _batch: number, _logs: Logs): HookResult {}

  /** The model, or a clear error when the callback is used outside a CallbackList. */
  protected requireModel(who: string): CallbackModel {
    if (!this.model) throw new TesseraError(`${who}: no model is set; pass the callback to fit({callbacks}) or call setModel(model) first. Received: model=null`);
    return this.model;
  }
}
