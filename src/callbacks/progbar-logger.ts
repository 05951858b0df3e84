/** Prints `Epoch 3/10` and Keras's progress bar during fit (and evaluate/predict when given to them). */
import type { Config } from '../io/serialization.js';
import { registerSerializable } from '../io/serialization.js';
import { Callback, type Logs, type TrainingParams } from './callback.js';
import { defaultStream, Progbar, type ProgbarStream } from './progbar.js';
import { TesseraError } from '../core/errors.js';

export interface ProgbarLoggerOptions {
  /** 1: a bar (redrawn in place on a terminal), 2: one line per epoch. Default: fit's verbose (1 when fit is silent). */
  verbose?: 0 | 1 | 2;
  /** Default: process.stdout in Node, console.log per line in a browser. */
  stream?: ProgbarStream;
  /** The clock in milliseconds (tests inject one). */
  now?: () => number;
}

/**
 * Keras hides nothing of the logs; here `learning_rate` is left out of the bar because fit logs it
 * every epoch (for History), and Keras shows it only when a learning-rate callback adds it.
 */
const HIDDEN = new Set(['learning_rate', 'size']);

/** Keras's order: its logs are sorted by name, with the val_ ones after. */
function displayed(logs: Logs): [string, number][] {
  const keys = Object.keys(logs).filter((k) => !HIDDEN.has(k));
  const train = keys.filter((k) => !k.startsWith('val_')).sort();
  const val = keys.filter((k) => k.startsWith('val_')).sort();
  return [...train, ...val].map((k) => [k, logs[k]!]);
}

export class ProgbarLogger extends Callback {
  readonly className = 'ProgbarLogger';
  verbose: 0 | 1 | 2;
  private readonly explicitVerbose: boolean;
  private readonly stream: ProgbarStream;
  private readonly now: (() => number) | undefined;
  private progbar: Progbar | null = null;
  private target: number | null = null;
  private epochs = 1;
  private seen = 0;
  private samples = 0;
  private calledInFit = false;

  constructor(opts: ProgbarLoggerOptions = {}) {
    super();
    if (opts.verbose !== undefined && ![0, 1, 2].includes(opts.verbose)) {
      throw new TesseraError(`progbarLogger: verbose must be 0, 1 or 2. Received: verbose=${String(opts.verbose)}`);
    }
    this.verbose = opts.verbose ?? 1;
    this.explicitVerbose = opts.verbose !== undefined;
    this.stream = opts.stream ?? defaultStream();
    this.now = opts.now;
  }

  override setParams(params: TrainingParams): void {
    super.setParams(params);
    // A logger the user passed explicitly prints even when fit itself is silent (verbose 0).
    if (!this.explicitVerbose) this.verbose = params.verbose === 0 ? 1 : params.verbose;
    this.epochs = params.epochs;
    this.target = params.steps;
  }

  override onTrainBegin(): void {
    this.calledInFit = true; // validation inside fit stays silent
  }

  override onTrainEnd(): void {
    this.calledInFit = false;
  }

  override onEpochBegin(epoch: number): void {
    this.reset();
    this.bar(); // the clock starts with the epoch
    if (this.verbose && this.epochs > 1) this.stream.write(`Epoch ${epoch + 1}/${this.epochs}\n`);
  }

  override onTrainBatchBegin(_batch: number, logs: Logs): void {
    this.samples += logs['size'] ?? 0;
  }

  override onTrainBatchEnd(batch: number, logs: Logs): void {
    this.updateBar(batch, logs);
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    this.finalize(logs);
  }

  override onTestBegin(): void {
    if (!this.calledInFit) {
      this.reset();
      this.bar();
    }
  }

  override onTestBatchBegin(_batch: number, logs: Logs): void {
    if (!this.calledInFit) this.samples += logs['size'] ?? 0;
  }

  override onTestBatchEnd(batch: number, logs: Logs): void {
    if (!this.calledInFit) this.updateBar(batch, logs);
  }

  override onTestEnd(logs: Logs): void {
    if (!this.calledInFit) this.finalize(logs);
  }

  override onPredictBegin(): void {
    this.reset();
    this.bar();
  }

  override onPredictBatchEnd(batch: number): void {
    this.updateBar(batch, {}); // predictions are not logs
  }

  override onPredictEnd(): void {
    this.finalize({});
  }

  getConfig(): Config {
    return { verbose: this.verbose };
  }

  private reset(): void {
    this.seen = 0;
    this.samples = 0;
    this.progbar = null;
  }

  private bar(): Progbar {
    return (this.progbar ??= new Progbar({ target: this.target, verbose: this.verbose, stream: this.stream, now: this.now }));
  }

  private updateBar(batch: number, logs: Logs): void {
    const bar = this.bar();
    this.seen = batch + 1;
    if (this.verbose === 1) bar.update(this.seen, displayed(logs), { finalize: false, samples: this.samples });
  }

  private finalize(logs: Logs): void {
    const bar = this.bar();
    if (this.target === null) bar.target = this.target = this.seen; // unknown length: known after one pass
    bar.update(bar.target ?? this.seen, displayed(logs), { finalize: true, samples: this.samples });
  }
}

export function progbarLogger(opts: ProgbarLoggerOptions = {}): ProgbarLogger {
  return new ProgbarLogger(opts);
}

registerSerializable('callback', 'ProgbarLogger', (c) => new ProgbarLogger({ verbose: c['verbose'] as 0 | 1 | 2 | undefined }));
