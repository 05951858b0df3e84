import type { Tensor } from '../core/tensor.js';
import { Callback, type Logs } from './callback.js';
import { Monitor, type MonitorMode } from './monitor.js';

export interface EarlyStoppingOptions {
  monitor?: string;
  minDelta?: number;
  patience?: number;
  verbose?: 0 | 1;
  mode?: MonitorMode;
  baseline?: number | null;
  restoreBestWeights?: boolean;
  startFromEpoch?: number;
}

/** Stops when the monitored value stops improving for `patience` epochs (Keras EarlyStopping). */
export class EarlyStopping extends Callback {
  readonly patience: number;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly verbose: 0 | 1;
  private readonly monitor: Monitor;
  private wait = 0;
  stoppedEpoch = 0;
  bestEpoch = 0;
  private bestWeights: Tensor[] | null = null;

  constructor(opts: EarlyStoppingOptions = {}) {
    super();
    this.monitor = new Monitor('earlyStopping', opts.monitor ?? 'val_loss', opts.mode ?? 'auto', opts.minDelta ?? 0);
    this.patience = opts.patience ?? 0;
    this.baseline = opts.baseline ?? null;
    this.restoreBestWeights = opts.restoreBestWeights ?? false;
    this.startFromEpoch = opts.startFromEpoch ?? 0;
    this.verbose = opts.verbose ?? 0;
  }

  get best(): number {
    return this.monitor.best;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = 0;
    this.bestWeights = null;
    this.monitor.reset();
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const current = this.monitor.read(logs);
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) this.bestWeights = this.model!.getWeights();
    this.wait++;
    if (this.monitor.isImprovement(current)) {
      this.monitor.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.model!.getWeights();
      // Only an improvement over the baseline resets the wait.
      if (this.baseline === null || this.monitor.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model!.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights) {
        if (this.verbose) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
        this.model!.setWeights(this.bestWeights);
      }
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
  }
}
