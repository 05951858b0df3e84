/** Sets the learning rate at the start of each epoch from `schedule(epoch, lr)` (Keras's LearningRateScheduler). */
import { TesseraError } from '../core/errors.js';
import { Callback, type Logs } from './callback.js';
import { settableOptimizer } from './learning-rate.js';
import { pyFloat } from './python-format.js';

/** epoch is 0-based; lr is the current rate; returns the rate for this epoch. */
export type EpochSchedule = (epoch: number, lr: number) => number;

const WHO = 'learningRateScheduler';

export class LearningRateScheduler extends Callback {
  readonly schedule: EpochSchedule;
  readonly verbose: 0 | 1;

  constructor(schedule: EpochSchedule, verbose: 0 | 1 = 0) {
    super();
    if (typeof schedule !== 'function') throw new TesseraError(`${WHO}: schedule must be a function (epoch, lr) => lr. Received: ${typeof schedule}`);
    this.schedule = schedule;
    this.verbose = verbose;
  }

  override onTrainBegin(): void {
    settableOptimizer(WHO, this.requireModel(WHO)); // fail before any step
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = settableOptimizer(WHO, this.requireModel(WHO));
    const lr: unknown = this.schedule(epoch, optimizer.currentLearningRate());
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new TesseraError(`${WHO}: the schedule must return a finite number ≥ 0. Received: ${String(lr)} at epoch ${epoch}`);
    }
    optimizer.learningRate = lr;
    if (this.verbose) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${pyFloat(lr)}.`);
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    logs['learning_rate'] = settableOptimizer(WHO, this.requireModel(WHO)).currentLearningRate();
  }
}

export function learningRateScheduler(schedule: EpochSchedule, verbose: 0 | 1 = 0): LearningRateScheduler {
  return new LearningRateScheduler(schedule, verbose);
}
