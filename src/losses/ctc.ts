/** The CTC loss as a Keras Loss: yTrue = labels [batch, maxLabelLength] padded with −1, yPred = logits [batch, time, classes]. */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { ctcLoss } from '../ops/composite/ctc-loss.js';
import { Loss, registerLoss, type LossOptions } from './loss.js';

export interface CTCOptions extends LossOptions {
  /** The class index of the CTC blank (Keras: 0). */
  blankIndex?: number;
  /** yPred holds logits (default) or, with false, probabilities. */
  fromLogits?: boolean;
}

/**
 * Label lengths are counted (entries ≥ 0 other than the blank, so −1 padding and Keras's 0
 * padding both work) and every sample uses all time steps, as Keras's `ctc` loss does; for
 * per-sample frame counts call the `ctcLoss` op with `logitLengths`.
 */
export class CTC extends Loss {
  readonly className = 'CTC';
  readonly blankIndex: number;
  readonly fromLogits: boolean;
  constructor(opts: CTCOptions = {}) {
    super('ctc', opts);
    this.blankIndex = opts.blankIndex ?? 0;
    this.fromLogits = opts.fromLogits ?? true;
    if (!(Number.isInteger(this.blankIndex) && this.blankIndex >= 0)) {
      throw new TesseraError(`ctc: blankIndex must be an integer ≥ 0. Received: blankIndex=${this.blankIndex}`);
    }
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return ctcLoss(yTrue, yPred, { blankIndex: this.blankIndex, fromLogits: this.fromLogits });
  }
  override getConfig(): Config {
    return { ...super.getConfig(), blankIndex: this.blankIndex, fromLogits: this.fromLogits };
  }
}

registerLoss('CTC', ['ctc'], (c) => new CTC(c as CTCOptions));
