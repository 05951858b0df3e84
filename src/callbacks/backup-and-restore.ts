/**
 * Survives interruptions (Keras's BackupAndRestore): saves the model's whole state (weights,
 * optimizer state and step count, training key) at the end of every epoch or every n batches, and
 * when fit is interrupted through its signal; a later `fit` with the same backupDir loads it and
 * resumes where the backup was made — mid-epoch too, skipping the batches done (unlike Keras, which
 * repeats the epoch). fit draws each epoch's data order from the training key and the step count,
 * both saved, so a resumed run ends with the weights an uninterrupted one would have, bit for bit.
 * A finished run deletes the backup; a run stopped by a NaN or infinite loss keeps it (the backup
 * made before the loss went bad: backups of non-finite states are never written).
 *
 * Each backup goes to a new folder (backup-1, backup-2, ...); only then is `state.json` replaced
 * (atomically: temporary file and rename) to name it, and the older folder removed. A run killed
 * at any point leaves a state.json naming a complete backup.
 */
import { TesseraError } from '../core/errors.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import { Callback, type Logs } from './callback.js';
import { checkSaveFreq } from './monitor-callback.js';
import { firstNonFiniteWeight, type WeightedLayer } from './non-finite.js';
import { joinPath, nodeFs, writeFileAtomic, type NodeFs } from '../io/node-fs.js';

export interface BackupAndRestoreOptions {
  /** The folder for the backup (its own files in it are deleted at the end of a finished run). */
  backupDir: string;
  /** 'epoch' (default), or every n batches (and at each epoch's end): a resumed run goes on after the last batch backed up. */
  saveFreq?: 'epoch' | number;
  /** Delete the backup when training finishes. Default true. */
  deleteCheckpoint?: boolean;
}

/** The content of state.json. */
export interface BackupState {
  /** The last epoch (0-based) completed when the backup was made; -1 for none. */
  epoch: number;
  /** The batch (0-based) of a mid-epoch backup; null for one at an epoch's end. */
  batch: number | null;
  /** The folder in backupDir holding the saved model. */
  folder: string;
}

const WHO = 'backupAndRestore';
const STATE = 'state.json';
const FOLDER = /^backup-(\d+)$/;
const STALE_STATE = /^state\.json\.tmp-/;

export class BackupAndRestore extends Callback {
  readonly className = 'BackupAndRestore';
  readonly backupDir: string;
  readonly saveFreq: 'epoch' | number;
  readonly deleteCheckpoint: boolean;
  /** The epoch (0-based) the last fit resumed at; null when it found no backup. */
  resumedAt: number | null = null;
  private sequence = 0;
  private epoch = 0;
  private batchesSinceSave = 0;
  private lastBatchSeen: number | null = null;
  /** The batch (of the current epoch) the last backup was made after; null when none this epoch. */
  private savedBatch: number | null = null;
  private nonFinite = false;

  constructor(opts: BackupAndRestoreOptions) {
    super();
    if (typeof opts?.backupDir !== 'string' || !opts.backupDir) throw new TesseraError(`${WHO}: backupDir is required. Received: backupDir=${String(opts?.backupDir)}`);
    this.backupDir = opts.backupDir.length > 1 ? opts.backupDir.replace(/[/\\]+$/, '') : opts.backupDir;
    this.saveFreq = checkSaveFreq(WHO, opts.saveFreq ?? 'epoch');
    this.deleteCheckpoint = opts.deleteCheckpoint ?? true;
  }

  override async onTrainBegin(): Promise<void> {
    this.resumedAt = null;
    this.sequence = 0;
    this.batchesSinceSave = 0;
    this.lastBatchSeen = null;
    this.savedBatch = null;
    this.nonFinite = false;
    this.resumedBatch = null;
    const state = await this.readState(await nodeFs(WHO));
    if (!state) return;
    await this.requireModel(WHO).loadState(joinPath(this.backupDir, state.folder));
    this.sequence = Number(FOLDER.exec(state.folder)![1]);
    if (!this.params) throw new TesseraError(`${WHO}: no training params are set; pass the callback to fit({callbacks}). Received: params=null`);
    // fit reads these after onTrainBegin: a mid-epoch backup resumes at the batch after it.
    this.params.initialEpoch = state.epoch + 1;
    this.params.initialBatch = state.batch === null ? 0 : state.batch + 1;
    this.resumedAt = this.params.initialEpoch;
    this.resumedBatch = this.params.initialBatch;
    this.epoch = this.params.initialEpoch;
    this.lastBatchSeen = state.batch;
    this.savedBatch = state.batch;
  }

  /** The batch (0-based) within epoch `resumedAt` that the last fit resumed at; null when it found no backup. */
  resumedBatch: number | null = null;

  override onEpochBegin(epoch: number): void {
    if (epoch !== this.epoch) this.savedBatch = null;
    this.epoch = epoch;
  }

  override async onTrainBatchEnd(batch: number, logs: Logs): Promise<void> {
    if (this.nonFinite || !finiteLoss(logs)) {
      this.nonFinite = true; // never back up a state a NaN or Inf has reached (this fit saves no more)
      return;
    }
    if (this.saveFreq === 'epoch') return;
    // Batch numbers restart each epoch; the count since the last backup does not.
    this.batchesSinceSave += this.lastBatchSeen === null || batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.lastBatchSeen = batch;
    if (this.batchesSinceSave < this.saveFreq) return;
    await this.backup(this.epoch - 1, batch);
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (this.nonFinite || !finiteLoss(logs)) return;
    if (this.saveFreq !== 'epoch' && this.batchesSinceSave === 0 && this.savedBatch === this.lastBatchSeen && this.savedBatch !== null) {
      // The state after the epoch's last batch is backed up already: only say the epoch is complete.
      await this.writeState({ epoch, batch: null, folder: `backup-${this.sequence}` });
      this.savedBatch = null;
      return;
    }
    await this.backup(epoch, null);
  }

  override async onTrainInterrupt(epoch: number, batch: number, logs: Logs): Promise<void> {
    if (this.nonFinite || !finiteLoss(logs)) return;
    if (this.savedBatch === batch && this.batchesSinceSave === 0) return; // backed up after this batch already
    await this.backup(epoch - 1, batch);
  }

  override async onTrainEnd(): Promise<void> {
    if (!this.deleteCheckpoint || this.nonFinite) return;
    const fs = await nodeFs(WHO);
    await this.removeOwnFiles(fs, () => true);
    // The folder goes too if nothing else is in it (it may be the user's, holding other files).
    if ((await listDir(fs, this.backupDir))?.length === 0) await fs.rmdir(this.backupDir);
  }

  private async backup(epoch: number, batch: number | null): Promise<void> {
    // A finite loss does not prove finite weights (the last update may have overflowed): a backup
    // is O(weights) anyway, so look at them before replacing a good backup with a bad one.
    const layers = (this.requireModel(WHO) as { layers?: readonly WeightedLayer[] }).layers;
    if (layers && firstNonFiniteWeight(layers)) {
      this.nonFinite = true;
      return;
    }
    const fs = await nodeFs(WHO);
    const folder = `backup-${this.sequence + 1}`;
    const dir = joinPath(this.backupDir, folder);
    await fs.rm(dir, { recursive: true, force: true }); // a torn save of a killed run may be there
    await fs.mkdir(dir, { recursive: true });
    await this.requireModel(WHO).save(dir);
    await this.writeState({ epoch, batch, folder });
    this.sequence++;
    this.batchesSinceSave = 0;
    this.savedBatch = batch;
    if (batch !== null) this.lastBatchSeen = batch;
    await this.removeOwnFiles(fs, (name) => name !== folder && name !== STATE);
  }

  /** Names the backup to resume from: the one atomic step that makes a new backup the current one. */
  private async writeState(state: BackupState): Promise<void> {
    await writeFileAtomic(WHO, joinPath(this.backupDir, STATE), JSON.stringify(state));
  }

  /** Removes this callback's files (state, backup folders, leftover temporary states) for which `remove` is true. */
  private async removeOwnFiles(fs: NodeFs, remove: (name: string) => boolean): Promise<void> {
    for (const name of (await listDir(fs, this.backupDir)) ?? []) {
      if ((name === STATE || FOLDER.test(name) || STALE_STATE.test(name)) && remove(name)) {
        await fs.rm(joinPath(this.backupDir, name), { recursive: true, force: true });
      }
    }
  }

  private async readState(fs: NodeFs): Promise<BackupState | null> {
    const file = joinPath(this.backupDir, STATE);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return null; // no backup: a fresh run
    }
    let state: Partial<BackupState> | null = null;
    try {
      state = JSON.parse(text) as Partial<BackupState>;
    } catch {
      // reported below
    }
    const valid = typeof state === 'object' && state !== null && Number.isInteger(state.epoch) && state.epoch! >= -1
      && (state.batch === null || Number.isInteger(state.batch)) && typeof state.folder === 'string' && FOLDER.test(state.folder);
    if (!valid) throw new TesseraError(`${WHO}: ${file} is not a backup state written by this callback; delete ${this.backupDir} to start afresh. Received: ${text}`);
    return state as BackupState;
  }

  getConfig(): Config {
    return { backupDir: this.backupDir, saveFreq: this.saveFreq, deleteCheckpoint: this.deleteCheckpoint };
  }
}

function finiteLoss(logs: Logs | undefined): boolean {
  const loss = logs?.['loss'];
  return loss === undefined || Number.isFinite(loss);
}

async function listDir(fs: NodeFs, dir: string): Promise<string[] | null> {
  try {
    return await fs.readdir(dir);
  } catch {
    return null;
  }
}

export function backupAndRestore(opts: BackupAndRestoreOptions): BackupAndRestore {
  return new BackupAndRestore(opts);
}

registerSerializable('callback', 'BackupAndRestore', (c) => new BackupAndRestore(c as unknown as BackupAndRestoreOptions));
