/** Regression and distribution losses (Keras: values are means over the last axis). */
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { TesseraError } from '../core/errors.js';
import { cast } from '../ops/elementwise/cast.js';
import { clip } from '../ops/elementwise/clip.js';
import { div } from '../ops/elementwise/div.js';
import { log } from '../ops/elementwise/log.js';
import { maximum } from '../ops/elementwise/maximum.js';
import { mul } from '../ops/elementwise/mul.js';
import { neg } from '../ops/elementwise/neg.js';
import { sqrt } from '../ops/elementwise/sqrt.js';
import { square } from '../ops/elementwise/square.js';
import { sum } from '../ops/reduce/sum.js';
import { huber } from '../ops/composite/huber.js';
import { meanAbsoluteError } from '../ops/composite/mean-absolute-error.js';
import { meanSquaredError } from '../ops/composite/mean-squared-error.js';
import { Loss, registerLoss, type LossOptions } from './loss.js';

const asFloat = (t: Tensor): Tensor => (t.dtype === 'float32' || t.dtype === 'float64' ? t : cast(t, 'float32'));
const EPSILON = 1e-7;

export class MeanSquaredError extends Loss {
  readonly className = 'MeanSquaredError';
  constructor(opts: LossOptions = {}) {
    super('mean_squared_error', opts);
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanSquaredError(yTrue, yPred, { reduction: 'none' });
  }
}

export class MeanAbsoluteError extends Loss {
  readonly className = 'MeanAbsoluteError';
  constructor(opts: LossOptions = {}) {
    super('mean_absolute_error', opts);
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return meanAbsoluteError(yTrue, yPred, { reduction: 'none' });
  }
}

export class Huber extends Loss {
  readonly className = 'Huber';
  readonly delta: number;
  constructor(opts: LossOptions & { delta?: number } = {}) {
    super('huber_loss', opts);
    this.delta = opts.delta ?? 1;
    if (!(this.delta > 0)) throw new TesseraError(`huber: delta must be > 0. Received: delta=${this.delta}`);
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    return huber(yTrue, yPred, { delta: this.delta, reduction: 'none' });
  }
  override getConfig(): Config {
    return { ...super.getConfig(), delta: this.delta };
  }
}

/** Σ yTrue·log(yTrue / yPred) over the last axis, both clipped to [ε, 1] (Keras). */
export class KLDivergence extends Loss {
  readonly className = 'KLDivergence';
  constructor(opts: LossOptions = {}) {
    super('kl_divergence', opts);
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    const t = clip(asFloat(yTrue), EPSILON, 1);
    const p = clip(asFloat(yPred), EPSILON, 1);
    return sum(mul(t, log(div(t, p))), -1);
  }
}

/** −cos(yTrue, yPred) over `axis` (Keras's sign: minimising it aligns the vectors). */
export class CosineSimilarity extends Loss {
  readonly className = 'CosineSimilarity';
  readonly axis: number;
  constructor(opts: LossOptions & { axis?: number } = {}) {
    super('cosine_similarity', opts);
    this.axis = opts.axis ?? -1;
  }
  perSample(yTrue: Tensor, yPred: Tensor): Tensor {
    const unit = (x: Tensor): Tensor => div(x, sqrt(maximum(sum(square(x), this.axis, true), 1e-12)));
    return neg(sum(mul(unit(asFloat(yTrue)), unit(asFloat(yPred))), this.axis));
  }
  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis };
  }
}

registerLoss('MeanSquaredError', ['mean_squared_error', 'mse'], (c) => new MeanSquaredError(c as LossOptions));
registerLoss('MeanAbsoluteError', ['mean_absolute_error', 'mae'], (c) => new MeanAbsoluteError(c as LossOptions));
registerLoss('Huber', ['huber_loss'], (c) => new Huber(c as LossOptions & { delta?: number }));
registerLoss('KLDivergence', ['kl_divergence', 'kld', 'kullback_leibler_divergence'], (c) => new KLDivergence(c as LossOptions));
registerLoss('CosineSimilarity', ['cosine_similarity'], (c) => new CosineSimilarity(c as LossOptions & { axis?: number }));
