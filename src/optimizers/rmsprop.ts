import type { Tensor } from '../core/tensor.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import { add } from '../ops/elementwise/add.js';
import { div } from '../ops/elementwise/div.js';
import { mul } from '../ops/elementwise/mul.js';
import { sqrt } from '../ops/elementwise/sqrt.js';
import { square } from '../ops/elementwise/square.js';
import { sub } from '../ops/elementwise/sub.js';
import { Optimizer, optimizerOptionsFromConfig, type OptimizerOptions, type ParamUpdate } from './optimizer.js';

export interface RMSpropOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** Decay of the moving average of g², in [0, 1]. Default 0.9. */
  rho?: number;
  /** In [0, 1]. Default 0 (no momentum state). */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Normalise by the estimated variance (v − ḡ²) instead of v. Default false. */
  centered?: boolean;
}

/**
 * RMSprop as Keras 3 writes it:
 *   v ← ρv + (1 − ρ)g²;  (centered: ḡ ← ρḡ + (1 − ρ)g, d = v − ḡ² + ε; else d = v + ε)
 *   Δ = lr·g/√d;  momentum: b ← μb + Δ, p ← p − b;  else p ← p − Δ
 * PyTorch's RMSprop adds ε after the square root and keeps b/lr in its buffer: with ε = 0 and a
 * constant rate the two are the same.
 */
export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly slotNames: readonly string[];
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(options: RMSpropOptions = {}) {
    super('rmsprop', options, 0.001, ['rho', 'momentum', 'epsilon', 'centered']);
    this.rho = this.numberIn('rho', options.rho ?? 0.9, 0, 1);
    this.momentum = this.numberIn('momentum', options.momentum ?? 0, 0, 1);
    this.epsilon = this.numberIn('epsilon', options.epsilon ?? 1e-7, 0, Infinity);
    this.centered = this.flag('centered', options.centered ?? false);
    this.slotNames = ['velocity', ...(this.momentum > 0 ? ['momentum'] : []), ...(this.centered ? ['averageGradient'] : [])];
  }

  protected updateParam(param: Tensor, grad: Tensor, slots: readonly Tensor[], scalars: Readonly<Record<string, Tensor>>): ParamUpdate {
    const rho = this.rho;
    const velocity = add(mul(slots[0]!, rho), mul(square(grad), 1 - rho));
    const newSlots = [velocity];
    let momentum = this.momentum > 0 ? slots[1]! : null;
    let denominator: Tensor;
    if (this.centered) {
      const average = add(mul(slots[slots.length - 1]!, rho), mul(grad, 1 - rho));
      denominator = add(sub(velocity, square(average)), this.epsilon);
      newSlots.push(average);
    } else {
      denominator = add(velocity, this.epsilon);
    }
    const increment = div(mul(grad, scalars['lr']!), sqrt(denominator));
    if (!momentum) return { param: sub(param, increment), slots: newSlots };
    momentum = add(mul(momentum, this.momentum), increment);
    newSlots.splice(1, 0, momentum);
    return { param: sub(param, momentum), slots: newSlots };
  }

  override getConfig(): Config {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}

registerSerializable('optimizer', 'RMSprop', (c) => new RMSprop(optimizerOptionsFromConfig(c) as RMSpropOptions));
