/** Stops training when a monitored quantity has stopped improving (Keras's EarlyStopping). */
import type { Tensor } from '../core/tensor.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import type { Logs } from './callback.js';
import { checkNonNegative, MonitorCallback, type MonitorMode } from './monitor-callback.js';

export interface EarlyStoppingOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** The least change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement after which training stops. Default 0. */
  patience?: number;
  verbose?: 0 | 1;
  mode?: MonitorMode;
  /** Training goes on (patience permitting) until the value beats this. */
  baseline?: number | null;
  /** At the end, set the weights of the best epoch (the last epoch's otherwise). */
  restoreBestWeights?: boolean;
  /** Epochs to let pass before watching (a warm-up). Default 0. */
  startFromEpoch?: number;
}

export class EarlyStopping extends MonitorCallback {
  readonly className = 'EarlyStopping';
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch (0-based) at which training was stopped; 0 when it was not. */
  stoppedEpoch = 0;
  /** The epoch (0-based) with the best value. */
  bestEpoch = 0;
  private bestWeights: Tensor[] | null = null;

  constructor(opts: EarlyStoppingOptions = {}) {
    super('earlyStopping', { monitor: opts.monitor ?? 'val_loss', mode: opts.mode ?? 'auto', minDelta: opts.minDelta ?? 0 });
    this.patience = checkNonNegative(this.who, 'patience', opts.patience ?? 0, true);
    this.verbose = opts.verbose ?? 0;
    this.baseline = opts.baseline ?? null;
    this.restoreBestWeights = opts.restoreBestWeights ?? false;
    this.startFromEpoch = checkNonNegative(this.who, 'startFromEpoch', opts.startFromEpoch ?? 0, true);
  }

  override onTrainBegin(): void {
    super.onTrainBegin();
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestWeights = null;
    this.bestEpoch = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const current = this.monitorValue(logs, 'skipping');
    if (current === undefined || epoch < this.startFromEpoch) return;
    const model = this.requireModel(this.who);
    if (this.restoreBestWeights && this.bestWeights === null) {
      // Something to restore even if no epoch ever improves on the baseline.
      this.bestWeights = model.getWeights();
      this.bestEpoch = epoch;
    }
    this.wait++;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = model.getWeights();
      // With a baseline, the patience clock only resets once the baseline is beaten.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.requireModel(this.who).setWeights(this.bestWeights);
    }
  }

  getConfig(): Config {
    return {
      monitor: this.monitor, minDelta: this.minDelta, patience: this.patience, verbose: this.verbose, mode: this.mode,
      baseline: this.baseline, restoreBestWeights: this.restoreBestWeights, startFromEpoch: this.startFromEpoch,
    };
  }
}

export function earlyStopping(opts: EarlyStoppingOptions = {}): EarlyStopping {
  return new EarlyStopping(opts);
}

registerSerializable('callback', 'EarlyStopping', (c) => new EarlyStopping(c as EarlyStoppingOptions));
