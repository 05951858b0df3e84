/**
 * Stops training when a batch's loss is NaN or infinite (Keras's TerminateOnNaN). `fit` adds one by
 * default (Keras does not; `terminateOnNaN: false` in fit's arguments turns it off).
 *
 * The message names the epoch, the batch, the global step and the first layer (in the model's
 * order) whose weights are non-finite, found after the fact by reading every weight once the loss
 * went bad. A NaN loss with finite weights before the step gives NaN gradients everywhere, so then
 * every layer's weights are NaN after the update and the first layer is named: with
 * `checkGradients` the weights are read after every step instead, which stops training at the first
 * update that made any weight non-finite (a non-finite gradient always does, through the update),
 * before the loss shows it, and names the layer it reached first — slower (a pass over the weights per step).
 */
import { TesseraError } from '../core/errors.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import { Callback, type Logs } from './callback.js';
import { describeNonFinite, firstNonFiniteWeight, type NonFiniteWeight, type WeightedLayer } from './non-finite.js';

export interface TerminateOnNaNOptions {
  /** Throw instead of stopping quietly (fit then rejects, and onTrainEnd does not run). */
  raiseError?: boolean;
  /** Also read the weights after every step and stop at the first non-finite one (slower). Default false. */
  checkGradients?: boolean;
}

export class TerminateOnNaN extends Callback {
  readonly className = 'TerminateOnNaN';
  readonly raiseError: boolean;
  readonly checkGradients: boolean;
  /** Why training stopped, e.g. 'Batch 3 of epoch 2: invalid loss NaN, terminating training (global step 13; …)'; null while it has not. */
  message: string | null = null;
  /** The first non-finite weight found when training stopped (null when none was, or the model has no layers to search). */
  nonFinite: NonFiniteWeight | null = null;
  private epoch = 0;

  constructor(opts: TerminateOnNaNOptions = {}) {
    super();
    this.raiseError = opts.raiseError ?? false;
    this.checkGradients = opts.checkGradients ?? false;
  }

  override onTrainBegin(): void {
    this.message = null;
    this.nonFinite = null;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override onTrainBatchEnd(batch: number, logs: Logs): void {
    const loss = logs['loss'];
    const badLoss = loss !== undefined && !Number.isFinite(loss);
    if (!badLoss && !this.checkGradients) return;
    const model = this.requireModel('terminateOnNaN');
    const layers = (model as { layers?: readonly WeightedLayer[] }).layers;
    const found = layers ? firstNonFiniteWeight(layers) : null;
    if (!badLoss && !found) return;
    this.nonFinite = found;
    const step = model.optimizer?.iterations;
    // Batches are 0-based within the epoch, epochs 1-based: the numbers the progress bar shows.
    const what = badLoss ? `invalid loss ${loss}` : `non-finite weights after the update (loss ${loss})`;
    const details = [...(step === undefined ? [] : [`global step ${step}`]), ...(layers ? [describeNonFinite(found)] : [])];
    this.message = `Batch ${batch} of epoch ${this.epoch + 1}: ${what}, terminating training${details.length ? ` (${details.join('; ')})` : ''}`;
    if (this.raiseError) throw new TesseraError(`terminateOnNaN: NaN or Inf ${badLoss ? 'loss' : 'weights'} at batch ${batch} of epoch ${this.epoch + 1}${details.length ? ` (${details.join('; ')})` : ''}. Received: loss=${loss}`);
    console.warn(this.message);
    model.stopTraining = true;
  }

  getConfig(): Config {
    return { raiseError: this.raiseError, ...(this.checkGradients ? { checkGradients: true } : {}) };
  }
}

export function terminateOnNaN(opts: TerminateOnNaNOptions = {}): TerminateOnNaN {
  return new TerminateOnNaN(opts);
}

registerSerializable('callback', 'TerminateOnNaN', (c) => new TerminateOnNaN(c as TerminateOnNaNOptions));
