/** Callbacks: `tsr.callbacks.earlyStopping({patience: 3})`, …, or subclass `Callback`. */
import { BackupAndRestore, type BackupAndRestoreOptions } from './backup-and-restore.js';
import { LambdaCallback, TerminateOnNaN } from './callback.js';
import { CSVLogger } from './csv-logger.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { ModelCheckpoint, type ModelCheckpointOptions } from './model-checkpoint.js';
import { ProgbarLogger, type ProgbarOptions } from './progbar-logger.js';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';

export { Callback, CallbackList, History, LambdaCallback, TerminateOnNaN, type CallbackModel, type Logs, type TrainingParams } from './callback.js';
export { BackupAndRestore, CSVLogger, EarlyStopping, LearningRateScheduler, ModelCheckpoint, ProgbarLogger, ReduceLROnPlateau };
export { formatFilepath } from './files.js';
export type { BackupAndRestoreOptions, EarlyStoppingOptions, ModelCheckpointOptions, ProgbarOptions, ReduceLROnPlateauOptions };

export const earlyStopping = (opts: EarlyStoppingOptions = {}): EarlyStopping => new EarlyStopping(opts);
export const modelCheckpoint = (opts: ModelCheckpointOptions): ModelCheckpoint => new ModelCheckpoint(opts);
export const reduceLROnPlateau = (opts: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau => new ReduceLROnPlateau(opts);
export const learningRateScheduler = (schedule: (epoch: number, lr: number) => number, verbose: 0 | 1 = 0): LearningRateScheduler => new LearningRateScheduler(schedule, verbose);
export const terminateOnNaN = (): TerminateOnNaN => new TerminateOnNaN();
export const backupAndRestore = (opts: BackupAndRestoreOptions): BackupAndRestore => new BackupAndRestore(opts);
export const csvLogger = (opts: { filename: string; separator?: string; append?: boolean }): CSVLogger => new CSVLogger(opts);
export const progbarLogger = (opts: ProgbarOptions = {}): ProgbarLogger => new ProgbarLogger(opts);
export const lambdaCallback = (hooks: ConstructorParameters<typeof LambdaCallback>[0]): LambdaCallback => new LambdaCallback(hooks);
