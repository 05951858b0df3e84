import { TesseraError } from '../core/errors.js';
import { Callback, type Logs } from './callback.js';

/** Sets the learning rate at each epoch's start from `schedule(epoch, currentLr)` (Keras). */
export class LearningRateScheduler extends Callback {
  constructor(readonly schedule: (epoch: number, lr: number) => number, readonly verbose: 0 | 1 = 0) {
    super();
  }
  override onEpochBegin(epoch: number): void {
    const opt = this.model!.optimizer;
    if (!opt) return;
    const lr = this.schedule(epoch, opt.currentLearningRate());
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new TesseraError(`learningRateScheduler: the schedule must return a finite number ≥ 0. Received: ${String(lr)} at epoch ${epoch}`);
    }
    opt.learningRate = lr;
    if (this.verbose) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }
  override onEpochEnd(_epoch: number, logs: Logs): void {
    const opt = this.model!.optimizer;
    if (opt) logs['learning_rate'] = opt.currentLearningRate();
  }
}
