import { TesseraError } from '../core/errors.js';
import { Callback, type Logs } from './callback.js';
import { Monitor, type MonitorMode } from './monitor.js';

export interface ReduceLROnPlateauOptions {
  monitor?: string;
  factor?: number;
  patience?: number;
  verbose?: 0 | 1;
  mode?: MonitorMode;
  minDelta?: number;
  cooldown?: number;
  minLr?: number;
}

/** Multiplies the learning rate by `factor` after `patience` epochs without improvement (Keras). */
export class ReduceLROnPlateau extends Callback {
  readonly factor: number;
  readonly patience: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly verbose: 0 | 1;
  private readonly monitor: Monitor;
  private wait = 0;
  private cooldownCounter = 0;

  constructor(opts: ReduceLROnPlateauOptions = {}) {
    super();
    this.factor = opts.factor ?? 0.1;
    if (!(this.factor < 1 && this.factor >= 0)) throw new TesseraError(`reduceLROnPlateau: factor must be in [0, 1). Received: factor=${this.factor}`);
    this.monitor = new Monitor('reduceLROnPlateau', opts.monitor ?? 'val_loss', opts.mode ?? 'auto', opts.minDelta ?? 1e-4);
    this.patience = opts.patience ?? 10;
    this.cooldown = opts.cooldown ?? 0;
    this.minLr = opts.minLr ?? 0;
    this.verbose = opts.verbose ?? 0;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.cooldownCounter = 0;
    this.monitor.reset();
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const opt = this.model!.optimizer;
    if (!opt) return;
    logs['learning_rate'] = opt.currentLearningRate();
    const current = this.monitor.read(logs);
    if (current === undefined) return;
    const inCooldown = this.cooldownCounter > 0;
    if (inCooldown) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (this.monitor.isImprovement(current)) {
      this.monitor.best = current;
      this.wait = 0;
    } else if (!inCooldown) {
      this.wait++;
      if (this.wait >= this.patience) {
        const old = opt.currentLearningRate();
        if (old > this.minLr) {
          const lr = Math.max(old * this.factor, this.minLr);
          opt.learningRate = lr;
          if (this.verbose) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${lr}.`);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
