import type { Tensor } from '../core/tensor.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import { add } from '../ops/elementwise/add.js';
import { div } from '../ops/elementwise/div.js';
import { mul } from '../ops/elementwise/mul.js';
import { sqrt } from '../ops/elementwise/sqrt.js';
import { square } from '../ops/elementwise/square.js';
import { sub } from '../ops/elementwise/sub.js';
import { Optimizer, optimizerOptionsFromConfig, type OptimizerOptions, type ParamUpdate } from './optimizer.js';

export interface AdagradOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions['learningRate'];
  /** The accumulator's starting value, ≥ 0. Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Adagrad as Keras 3 writes it: a ← a + g²;  p ← p − lr·g/√(a + ε), a starting at
 * initialAccumulatorValue. PyTorch's Adagrad adds ε after the square root: with ε = 0 (and no
 * lr_decay) the two are the same.
 */
export class Adagrad extends Optimizer {
  readonly className = 'Adagrad';
  readonly slotNames: readonly string[] = ['accumulator'];
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    super('adagrad', options, 0.001, ['initialAccumulatorValue', 'epsilon']);
    this.initialAccumulatorValue = this.numberIn('initialAccumulatorValue', options.initialAccumulatorValue ?? 0.1, 0, Infinity);
    this.epsilon = this.numberIn('epsilon', options.epsilon ?? 1e-7, 0, Infinity);
  }

  protected override initialSlotValue(): number {
    return this.initialAccumulatorValue;
  }

  protected updateParam(param: Tensor, grad: Tensor, slots: readonly Tensor[], scalars: Readonly<Record<string, Tensor>>): ParamUpdate {
    const accumulator = add(slots[0]!, square(grad));
    const param2 = sub(param, div(mul(grad, scalars['lr']!), sqrt(add(accumulator, this.epsilon))));
    return { param: param2, slots: [accumulator] };
  }

  override getConfig(): Config {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

registerSerializable('optimizer', 'Adagrad', (c) => new Adagrad(optimizerOptionsFromConfig(c) as AdagradOptions));
