/** Callbacks for fit/evaluate/predict, with Keras's names and semantics. */
export { formatFilepath } from './filepath-template.js';
export { Callback, type CallbackModel, type HookResult, type Logs, type TrainingParams } from './callback.js';
export { CallbackList, type CallbackListArgs } from './callback-list.js';
export { History } from './history.js';
export { Progbar, consoleStream, defaultStream, type ProgbarOptions, type ProgbarStream } from './progbar.js';
export { ProgbarLogger, progbarLogger, type ProgbarLoggerOptions } from './progbar-logger.js';
export { MonitorCallback, type MonitorMode } from './monitor-callback.js';
export { EarlyStopping, earlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export { ModelCheckpoint, modelCheckpoint, type ModelCheckpointOptions } from './model-checkpoint.js';
export { ReduceLROnPlateau, reduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
export { LearningRateScheduler, learningRateScheduler, type EpochSchedule } from './learning-rate-scheduler.js';
export { TerminateOnNaN, terminateOnNaN, type TerminateOnNaNOptions } from './terminate-on-nan.js';
export { BackupAndRestore, backupAndRestore, type BackupAndRestoreOptions, type BackupState } from './backup-and-restore.js';
export { CSVLogger, csvLogger, type CSVLoggerOptions } from './csv-logger.js';
export { LambdaCallback, lambdaCallback, type LambdaCallbackOptions } from './lambda-callback.js';
export { Dashboard, dashboard, type DashboardOptions, type DashboardValidation } from '../dashboard/callback.js';
