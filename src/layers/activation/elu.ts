import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { elu } from '../../ops/elementwise/elu.js';
import { shown, singleInput } from '../core/layer-args.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part: alpha·(eˣ − 1) for x < 0. Default 1. */
  alpha?: number;
}

/** Exponential linear unit: x for x > 0, alpha·(eˣ − 1) otherwise. */
export class ELU extends Layer {
  readonly className = 'ELU';
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    const alpha = args.alpha ?? 1;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new OpError('eLU', `alpha must be a finite number. Received: alpha=${shown(args.alpha)}`);
    this.alpha = alpha;
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    return elu(singleInput(this.name, inputs), this.alpha);
  }

  // Keras 3's ELU forgets alpha in its config; saved here so a round trip keeps it.
  override getConfig(): Config {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

registerLayer('ELU', ELU);
