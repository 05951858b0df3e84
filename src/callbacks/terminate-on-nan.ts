/** Stops training when a batch's loss is NaN or infinite (Keras's TerminateOnNaN). */
import { TesseraError } from '../core/errors.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import { Callback, type Logs } from './callback.js';

export interface TerminateOnNaNOptions {
  /** Throw instead of stopping quietly (fit then rejects, and onTrainEnd does not run). */
  raiseError?: boolean;
}

export class TerminateOnNaN extends Callback {
  readonly className = 'TerminateOnNaN';
  readonly raiseError: boolean;
  /** Why training stopped, e.g. 'Batch 3 of epoch 2: invalid loss NaN, terminating training'; null while it has not. */
  message: string | null = null;
  private epoch = 0;

  constructor(opts: TerminateOnNaNOptions = {}) {
    super();
    this.raiseError = opts.raiseError ?? false;
  }

  override onTrainBegin(): void {
    this.message = null;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override onTrainBatchEnd(batch: number, logs: Logs): void {
    const loss = logs['loss'];
    if (loss === undefined || Number.isFinite(loss)) return;
    // Batches are 0-based within the epoch, epochs 1-based: the numbers the progress bar shows.
    this.message = `Batch ${batch} of epoch ${this.epoch + 1}: invalid loss ${loss}, terminating training`;
    if (this.raiseError) throw new TesseraError(`terminateOnNaN: NaN or Inf loss at batch ${batch} of epoch ${this.epoch + 1}. Received: loss=${loss}`);
    console.warn(this.message);
    this.requireModel('terminateOnNaN').stopTraining = true;
  }

  getConfig(): Config {
    return { raiseError: this.raiseError };
  }
}

export function terminateOnNaN(opts: TerminateOnNaNOptions = {}): TerminateOnNaN {
  return new TerminateOnNaN(opts);
}

registerSerializable('callback', 'TerminateOnNaN', (c) => new TerminateOnNaN(c as TerminateOnNaNOptions));
