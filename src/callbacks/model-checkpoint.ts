import { TesseraError } from '../core/errors.js';
import { Callback, type Logs } from './callback.js';
import { formatFilepath } from './files.js';
import { Monitor, type MonitorMode } from './monitor.js';

export interface ModelCheckpointOptions {
  /** Where to save; Keras templates allowed: 'ckpt/model-{epoch:02d}-{val_loss:.2f}'. */
  filepath: string;
  monitor?: string;
  verbose?: 0 | 1;
  saveBestOnly?: boolean;
  /** Only the weights (a safetensors file) instead of the whole model folder. */
  saveWeightsOnly?: boolean;
  mode?: MonitorMode;
  /** 'epoch', or save every this many batches. */
  saveFreq?: 'epoch' | number;
  initialValueThreshold?: number | null;
}

/** Saves the model at the end of each epoch (or every saveFreq batches), optionally only when it improves. */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: 'epoch' | number;
  readonly verbose: 0 | 1;
  private readonly monitor: Monitor;
  private epoch = 0;
  private batchesSinceSave = 0;
  /** Paths written, in order (for tests and tools). */
  readonly saved: string[] = [];

  constructor(opts: ModelCheckpointOptions) {
    super();
    if (!opts || typeof opts.filepath !== 'string' || !opts.filepath) throw new TesseraError(`modelCheckpoint: filepath is required. Received: ${JSON.stringify(opts?.filepath)}`);
    this.filepath = opts.filepath;
    this.saveBestOnly = opts.saveBestOnly ?? false;
    this.saveWeightsOnly = opts.saveWeightsOnly ?? false;
    this.saveFreq = opts.saveFreq ?? 'epoch';
    if (this.saveFreq !== 'epoch' && !(Number.isInteger(this.saveFreq) && this.saveFreq > 0)) {
      throw new TesseraError(`modelCheckpoint: saveFreq must be 'epoch' or an integer ≥ 1. Received: saveFreq=${String(this.saveFreq)}`);
    }
    this.verbose = opts.verbose ?? 0;
    this.monitor = new Monitor('modelCheckpoint', opts.monitor ?? 'val_loss', opts.mode ?? 'auto', 0);
    if (opts.initialValueThreshold !== undefined && opts.initialValueThreshold !== null) this.monitor.best = opts.initialValueThreshold;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override async onTrainBatchEnd(_batch: number, logs: Logs): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    if (++this.batchesSinceSave >= this.saveFreq) {
      this.batchesSinceSave = 0;
      await this.maybeSave(logs);
    }
  }

  override async onEpochEnd(_epoch: number, logs: Logs): Promise<void> {
    if (this.saveFreq === 'epoch') await this.maybeSave(logs);
  }

  private async maybeSave(logs: Logs): Promise<void> {
    if (this.saveBestOnly) {
      const current = this.monitor.read(logs);
      if (current === undefined || !this.monitor.isImprovement(current)) return;
      if (this.verbose) console.log(`Epoch ${this.epoch + 1}: ${this.monitor.key} improved from ${this.monitor.best} to ${current}, saving model`);
      this.monitor.best = current;
    }
    const path = formatFilepath(this.filepath, this.epoch, logs);
    if (this.saveWeightsOnly) await this.model!.saveWeights(path);
    else await this.model!.save(path);
    this.saved.push(path);
  }
}
