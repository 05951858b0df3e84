import type { Tensor } from '../core/tensor.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import { add } from '../ops/elementwise/add.js';
import { div } from '../ops/elementwise/div.js';
import { maximum } from '../ops/elementwise/maximum.js';
import { mul } from '../ops/elementwise/mul.js';
import { sqrt } from '../ops/elementwise/sqrt.js';
import { square } from '../ops/elementwise/square.js';
import { sub } from '../ops/elementwise/sub.js';
import { Optimizer, optimizerOptionsFromConfig, type OptimizerOptions, type ParamUpdate } from './optimizer.js';

export interface AdamOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Decay of the first-moment average, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second-moment average, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Divide by the running maximum of v (AMSGrad). Default false. */
  amsgrad?: boolean;
}

export const ADAM_KEYS = ['beta1', 'beta2', 'epsilon', 'amsgrad'] as const;

/**
 * Adam as Keras 3 writes it, with the bias correction folded into the step size:
 *   m ← m + (g − m)(1 − β1);  v ← v + (g² − v)(1 − β2);  (AMSGrad: v̂ ← max(v̂, v), used for v)
 *   α = lr·√(1 − β2^t)/(1 − β1^t);  p ← p − α·m/(√v + ε)
 * PyTorch's Adam adds ε to √v̂ after the correction instead, i.e. uses ε·√(1 − β2^t) in these
 * terms: the two differ only while √v is comparable to ε.
 */
export class Adam extends Optimizer {
  readonly className: string = 'Adam';
  readonly slotNames: readonly string[];
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(options: AdamOptions = {}, who = 'adam') {
    super(who, options, 0.001, ADAM_KEYS);
    this.beta1 = this.numberIn('beta1', options.beta1 ?? 0.9, 0, 1, true);
    this.beta2 = this.numberIn('beta2', options.beta2 ?? 0.999, 0, 1, true);
    this.epsilon = this.numberIn('epsilon', options.epsilon ?? 1e-7, 0, Infinity);
    this.amsgrad = this.flag('amsgrad', options.amsgrad ?? false);
    this.slotNames = this.amsgrad ? ['m', 'v', 'vHat'] : ['m', 'v'];
  }

  /** `lr` and the bias-corrected step size `alpha` for update t. */
  override hostScalars(t: number): Record<string, number> {
    const s = super.hostScalars(t);
    return { ...s, alpha: (s['lr']! * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t) };
  }

  protected updateParam(param: Tensor, grad: Tensor, slots: readonly Tensor[], scalars: Readonly<Record<string, Tensor>>): ParamUpdate {
    const m = add(slots[0]!, mul(sub(grad, slots[0]!), 1 - this.beta1));
    const v = add(slots[1]!, mul(sub(square(grad), slots[1]!), 1 - this.beta2));
    const vHat = this.amsgrad ? maximum(slots[2]!, v) : null;
    const update = div(mul(m, scalars['alpha']!), add(sqrt(vHat ?? v), this.epsilon));
    return { param: sub(param, update), slots: vHat ? [m, v, vHat] : [m, v] };
  }

  override getConfig(): Config {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}

registerSerializable('optimizer', 'Adam', (c) => new Adam(optimizerOptionsFromConfig(c) as AdamOptions));
