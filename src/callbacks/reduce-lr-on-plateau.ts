/**
 * Lowers the learning rate when a monitored quantity stops improving (Keras's ReduceLROnPlateau):
 * after `patience` epochs without improvement the rate is multiplied by `factor` (not below
 * `minLr`), then `cooldown` epochs pass before waiting starts again.
 */
import { TesseraError } from '../core/errors.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import type { Logs } from './callback.js';
import { settableOptimizer } from './learning-rate.js';
import { checkNonNegative, MonitorCallback, type MonitorMode } from './monitor-callback.js';
import { pyFloat } from './python-format.js';

export interface ReduceLROnPlateauOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** New rate = rate * factor; 0 < factor < 1. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  verbose?: 0 | 1;
  mode?: MonitorMode;
  /** The least change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** The rate is never reduced below this. Default 0. */
  minLr?: number;
}

export class ReduceLROnPlateau extends MonitorCallback {
  readonly className = 'ReduceLROnPlateau';
  readonly factor: number;
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly cooldown: number;
  readonly minLr: number;
  wait = 0;
  cooldownCounter = 0;

  constructor(opts: ReduceLROnPlateauOptions = {}) {
    super('reduceLROnPlateau', { monitor: opts.monitor ?? 'val_loss', mode: opts.mode ?? 'auto', minDelta: opts.minDelta ?? 1e-4 });
    const factor = opts.factor ?? 0.1;
    if (typeof factor !== 'number' || !(factor >= 0 && factor < 1)) throw new TesseraError(`reduceLROnPlateau: factor must be in [0, 1) (new rate = rate × factor). Received: factor=${String(factor)}`);
    this.factor = factor;
    this.patience = checkNonNegative(this.who, 'patience', opts.patience ?? 10, true);
    this.verbose = opts.verbose ?? 0;
    this.cooldown = checkNonNegative(this.who, 'cooldown', opts.cooldown ?? 0, true);
    this.minLr = checkNonNegative(this.who, 'minLr', opts.minLr ?? 0);
  }

  override onTrainBegin(): void {
    super.onTrainBegin();
    settableOptimizer(this.who, this.requireModel(this.who)); // fail before any step, not after an epoch
    this.best = null;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const optimizer = settableOptimizer(this.who, this.requireModel(this.who));
    // The rate this epoch trained with (before any reduction below), as Keras logs it.
    logs['learning_rate'] = optimizer.currentLearningRate();
    const current = this.monitorValue(logs, 'skipping');
    if (current === undefined) return;
    if (this.inCooldown()) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (!this.inCooldown()) {
      this.wait++;
      if (this.wait >= this.patience) {
        const oldLr = optimizer.currentLearningRate();
        // Compared in float32, as the optimizer applies it: a rate already at minLr stays.
        if (Math.fround(oldLr) > Math.fround(this.minLr)) {
          const newLr = Math.max(oldLr * this.factor, this.minLr);
          optimizer.learningRate = newLr;
          if (this.verbose) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${pyFloat(newLr)}.`);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }

  getConfig(): Config {
    return {
      monitor: this.monitor, factor: this.factor, patience: this.patience, verbose: this.verbose, mode: this.mode,
      minDelta: this.minDelta, cooldown: this.cooldown, minLr: this.minLr,
    };
  }
}

export function reduceLROnPlateau(opts: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(opts);
}

registerSerializable('callback', 'ReduceLROnPlateau', (c) => new ReduceLROnPlateau(c as ReduceLROnPlateauOptions));
