import { TesseraError } from '../core/errors.js';
import { Callback, type Logs } from './callback.js';
import { nodeFs } from './files.js';

export interface BackupAndRestoreOptions {
  backupDir: string;
  saveFreq?: 'epoch';
  /** Delete the backup when training finishes normally (default true). */
  deleteCheckpoint?: boolean;
}

/**
 * Resumable training (Keras BackupAndRestore): at each epoch end the model (weights, optimizer
 * state, training key) is saved to a new folder, then `state.json` is switched to it atomically and
 * the previous folder removed — so a run killed at any moment leaves a complete backup. At the next
 * fit's start the backup is loaded and training continues after the last completed epoch.
 */
export class BackupAndRestore extends Callback {
  readonly backupDir: string;
  readonly deleteCheckpoint: boolean;
  constructor(opts: BackupAndRestoreOptions) {
    super();
    if (!opts || typeof opts.backupDir !== 'string' || !opts.backupDir) throw new TesseraError(`backupAndRestore: backupDir is required. Received: ${JSON.stringify(opts?.backupDir)}`);
    if (opts.saveFreq !== undefined && opts.saveFreq !== 'epoch') throw new TesseraError(`backupAndRestore: saveFreq 'epoch' is supported. Received: saveFreq=${String(opts.saveFreq)}`);
    this.backupDir = opts.backupDir;
    this.deleteCheckpoint = opts.deleteCheckpoint ?? true;
  }

  private get stateFile(): string {
    return `${this.backupDir}/state.json`;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await nodeFs('backupAndRestore');
    let state: { epoch: number; folder: string };
    try {
      state = JSON.parse(await fs.readFile(this.stateFile, 'utf8')) as { epoch: number; folder: string };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // no backup: a fresh run
      throw new TesseraError(`backupAndRestore: ${this.stateFile} is unreadable (${(e as Error).message}); delete ${this.backupDir} to start afresh`);
    }
    if (!Number.isInteger(state.epoch) || typeof state.folder !== 'string' || state.folder.includes('/')) {
      throw new TesseraError(`backupAndRestore: ${this.stateFile} is not a valid backup state. Received: ${JSON.stringify(state)}`);
    }
    await this.model!.loadState(`${this.backupDir}/${state.folder}`);
    this.params!.initialEpoch = state.epoch + 1;
  }

  override async onEpochEnd(epoch: number, _logs: Logs): Promise<void> {
    const fs = await nodeFs('backupAndRestore');
    await fs.mkdir(this.backupDir, { recursive: true });
    let previous: string | null = null;
    try {
      previous = (JSON.parse(await fs.readFile(this.stateFile, 'utf8')) as { folder: string }).folder;
    } catch { /* first backup */ }
    const folder = `epoch-${epoch}`;
    await this.model!.save(`${this.backupDir}/${folder}`);
    const tmp = `${this.stateFile}.tmp-${process.pid}`;
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify({ epoch, folder }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, this.stateFile);
    if (previous && previous !== folder) await fs.rm(`${this.backupDir}/${previous}`, { recursive: true, force: true });
  }

  override async onTrainEnd(): Promise<void> {
    if (!this.deleteCheckpoint || this.model!.stopTraining) return;
    const fs = await nodeFs('backupAndRestore');
    await fs.rm(this.backupDir, { recursive: true, force: true });
  }
}
