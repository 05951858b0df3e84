/**
 * Drives callbacks the way fit does (src/train/loop.ts): History first, then the callbacks; params
 * read after onTrainBegin (a callback may raise initialEpoch); batch-begin logs carry `size`;
 * batch-end logs hold the running mean of the epoch's loss; epoch-end logs hold the mean loss,
 * the validation values and `learning_rate`; training stops after the batch or epoch where
 * `model.stopTraining` was set.
 */
import { CallbackList, History, type Callback, type Logs, type TrainingParams } from '../../src/callbacks/index.js';
import type { FakeModel } from './fake-model.js';

export interface FakeFitOptions {
  epochs: number;
  callbacks?: Callback[];
  /** Batches per epoch (default 3). */
  steps?: number;
  /** Report steps as unknown (a dataset without a length). */
  unknownSteps?: boolean;
  batchSize?: number;
  initialEpoch?: number;
  verbose?: 0 | 1 | 2;
  /** The loss of batch `batch` in epoch `epoch` (default 1 / (1 + epoch + batch / steps)). */
  batchLoss?: (epoch: number, batch: number) => number;
  /** Validation logs at the end of an epoch (default none). */
  validation?: (epoch: number) => Logs | null;
  /** Called after each step (tests advance a fake clock here). */
  afterStep?: () => void;
}

export async function fakeFit(model: FakeModel, o: FakeFitOptions): Promise<History> {
  const steps = o.steps ?? 3;
  const batchSize = o.batchSize ?? 32;
  const lossOf = o.batchLoss ?? ((e: number, b: number) => 1 / (1 + e + b / steps));
  const history = new History();
  const params: TrainingParams = { epochs: o.epochs, steps: o.unknownSteps ? null : steps, verbose: o.verbose ?? 0, samples: steps * batchSize, initialEpoch: o.initialEpoch ?? 0, initialBatch: 0 };
  const list = new CallbackList([history, ...(o.callbacks ?? [])], { model, params });
  model.stopTraining = false;
  await list.onTrainBegin({});
  for (let epoch = params.initialEpoch; epoch < o.epochs; epoch++) {
    await list.onEpochBegin(epoch, {});
    let sum = 0;
    // A resumed epoch (initialBatch set by a callback in onTrainBegin) skips the batches done.
    let batch = epoch === params.initialEpoch ? params.initialBatch ?? 0 : 0;
    for (; batch < steps; batch++) {
      await list.onTrainBatchBegin(batch, { size: batchSize });
      model.step();
      o.afterStep?.();
      sum += lossOf(epoch, batch);
      await list.onTrainBatchEnd(batch, { loss: sum / (batch + 1) });
      if (model.stopTraining) break;
    }
    const logs: Logs = { loss: sum / Math.min(batch + 1, steps), ...(o.validation?.(epoch) ?? {}) };
    logs['learning_rate'] = model.optimizer?.currentLearningRate() ?? 0;
    await list.onEpochEnd(epoch, logs);
    if (model.stopTraining) break;
  }
  await list.onTrainEnd({});
  return history;
}

/** Validation logs from a list of val_loss values, one per epoch. */
export function valLosses(values: readonly number[]): (epoch: number) => Logs {
  return (epoch) => ({ val_loss: values[epoch]! });
}
