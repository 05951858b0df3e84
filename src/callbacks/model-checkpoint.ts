/**
 * Saves the model (or only its weights) during training: every epoch, every n batches, or only
 * when the monitored value improves (Keras's ModelCheckpoint). The path is a Python-style
 * template filled from the logs: 'ckpt/model-{epoch:02d}-{val_loss:.2f}' (epoch 1-based, as Keras).
 */
import { TesseraError } from '../core/errors.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import type { Logs } from './callback.js';
import { formatFilepath } from './filepath-template.js';
import { checkSaveFreq, MonitorCallback, type MonitorMode } from './monitor-callback.js';
import { dirname, nodeFs } from '../io/node-fs.js';
import { pyFixed } from './python-format.js';

export interface ModelCheckpointOptions {
  /** A folder for `model.save`, or a file for `saveWeights` (saveWeightsOnly); may use {epoch}, {batch} and any log name. */
  filepath: string;
  /** Default 'val_loss'. */
  monitor?: string;
  verbose?: 0 | 1;
  /** Save only when the monitored value improves on the best so far. */
  saveBestOnly?: boolean;
  /** Save with `model.saveWeights` (one safetensors file) instead of `model.save` (a folder). */
  saveWeightsOnly?: boolean;
  mode?: MonitorMode;
  /** 'epoch' (default), or every n batches (counted across epochs). */
  saveFreq?: 'epoch' | number;
  /** With saveBestOnly: the value the first save must beat. */
  initialValueThreshold?: number | null;
}

export class ModelCheckpoint extends MonitorCallback {
  readonly className = 'ModelCheckpoint';
  readonly filepath: string;
  readonly verbose: 0 | 1;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: 'epoch' | number;
  readonly initialValueThreshold: number | null;
  /** The paths written, in order. */
  readonly saved: string[] = [];
  private currentEpoch = 0;
  private batchesSinceSave = 0;
  private lastBatchSeen: number | null = null;

  constructor(opts: ModelCheckpointOptions) {
    super('modelCheckpoint', { monitor: opts.monitor ?? 'val_loss', mode: opts.mode ?? 'auto', minDelta: 0 });
    if (typeof opts.filepath !== 'string' || !opts.filepath) throw new TesseraError(`modelCheckpoint: filepath is required. Received: filepath=${String(opts.filepath)}`);
    this.filepath = opts.filepath;
    this.verbose = opts.verbose ?? 0;
    this.saveBestOnly = opts.saveBestOnly ?? false;
    this.saveWeightsOnly = opts.saveWeightsOnly ?? false;
    this.saveFreq = checkSaveFreq(this.who, opts.saveFreq ?? 'epoch');
    this.initialValueThreshold = opts.initialValueThreshold ?? null;
    this.best = this.initialValueThreshold;
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  override async onTrainBatchEnd(batch: number, logs: Logs): Promise<void> {
    if (this.shouldSaveOnBatch(batch)) await this.saveModel(this.currentEpoch, batch, logs);
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (this.saveFreq === 'epoch') await this.saveModel(epoch, undefined, logs);
  }

  /** Batch numbers restart each epoch; the count since the last save does not. */
  private shouldSaveOnBatch(batch: number): boolean {
    if (this.saveFreq === 'epoch') return false;
    this.batchesSinceSave += this.lastBatchSeen === null || batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.lastBatchSeen = batch;
    if (this.batchesSinceSave < this.saveFreq) return false;
    this.batchesSinceSave = 0;
    return true;
  }

  private shouldSave(epoch: number, logs: Logs, path: string): boolean {
    if (!this.saveBestOnly) {
      if (this.verbose) console.log(`Epoch ${epoch + 1}: saving model to ${path}`);
      return true;
    }
    const current = this.monitorValue(logs, 'saving anyway');
    if (current === undefined) return true; // Keras: without the value, saveBestOnly cannot apply
    const bestStr = this.best === null ? 'None' : pyFixed(this.best, 5);
    if (this.isImprovement(current, this.best)) {
      if (this.verbose) console.log(`Epoch ${epoch + 1}: ${this.monitor} improved from ${bestStr} to ${pyFixed(current, 5)}, saving model to ${path}`);
      this.best = current;
      return true;
    }
    if (this.verbose) console.log(`Epoch ${epoch + 1}: ${this.monitor} did not improve from ${bestStr}`);
    return false;
  }

  private async saveModel(epoch: number, batch: number | undefined, logs: Logs): Promise<void> {
    const path = formatFilepath(this.filepath, epoch, logs, batch);
    if (!this.shouldSave(epoch, logs, path)) return;
    const model = this.requireModel(this.who);
    if (this.saveWeightsOnly) {
      const dir = dirname(path);
      if (dir) await (await nodeFs(this.who)).mkdir(dir, { recursive: true });
      await model.saveWeights(path);
    } else {
      await model.save(path); // a folder, which save creates
    }
    this.saved.push(path);
  }

  getConfig(): Config {
    return {
      filepath: this.filepath, monitor: this.monitor, verbose: this.verbose, saveBestOnly: this.saveBestOnly,
      saveWeightsOnly: this.saveWeightsOnly, mode: this.mode, saveFreq: this.saveFreq, initialValueThreshold: this.initialValueThreshold,
    };
  }
}

export function modelCheckpoint(opts: ModelCheckpointOptions): ModelCheckpoint {
  return new ModelCheckpoint(opts);
}

registerSerializable('callback', 'ModelCheckpoint', (c) => new ModelCheckpoint(c as unknown as ModelCheckpointOptions));
