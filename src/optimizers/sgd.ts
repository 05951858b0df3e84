import type { Tensor } from '../core/tensor.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import { add } from '../ops/elementwise/add.js';
import { mul } from '../ops/elementwise/mul.js';
import { sub } from '../ops/elementwise/sub.js';
import { Optimizer, optimizerOptionsFromConfig, type OptimizerOptions, type ParamUpdate } from './optimizer.js';

export interface SGDOptions extends OptimizerOptions {
  /** Default 0.01. */
  learningRate?: OptimizerOptions['learningRate'];
  /** In [0, 1]; 0 (default) is plain gradient descent and keeps no state. */
  momentum?: number;
  nesterov?: boolean;
}

/**
 * Gradient descent with optional (Nesterov) momentum, as Keras 3 writes it:
 *   m ← μ·m − lr·g;  p ← p + m                (momentum)
 *   m ← μ·m − lr·g;  p ← p + μ·m − lr·g       (Nesterov)
 *   p ← p − lr·g                              (μ = 0)
 * With a constant rate this is PyTorch's SGD (dampening 0), whose buffer is −m/lr.
 */
export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly slotNames: readonly string[];
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    super('sgd', options, 0.01, ['momentum', 'nesterov']);
    this.momentum = this.numberIn('momentum', options.momentum ?? 0, 0, 1);
    this.nesterov = this.flag('nesterov', options.nesterov ?? false);
    this.slotNames = this.momentum !== 0 ? ['momentum'] : [];
  }

  protected updateParam(param: Tensor, grad: Tensor, slots: readonly Tensor[], scalars: Readonly<Record<string, Tensor>>): ParamUpdate {
    const step = mul(grad, scalars['lr']!);
    if (this.momentum === 0) return { param: sub(param, step), slots: [] };
    const m = sub(mul(slots[0]!, this.momentum), step);
    const param2 = this.nesterov ? add(param, sub(mul(m, this.momentum), step)) : add(param, m);
    return { param: param2, slots: [m] };
  }

  override getConfig(): Config {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}

registerSerializable('optimizer', 'SGD', (c) => new SGD(optimizerOptionsFromConfig(c) as SGDOptions));
