import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { leakyRelu } from '../../ops/elementwise/leaky-relu.js';
import { shown, singleInput } from '../core/layer-args.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for negative inputs (≥ 0). Default 0.3, Keras 3's layer default (the 'leaky_relu' function's is 0.2). */
  negativeSlope?: number;
}

/** x for x ≥ 0, negativeSlope·x below. */
export class LeakyReLU extends Layer {
  readonly className = 'LeakyReLU';
  readonly negativeSlope: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    const slope = args.negativeSlope ?? 0.3;
    if (typeof slope !== 'number' || !(slope >= 0) || !Number.isFinite(slope)) {
      throw new OpError('leakyReLU', `negativeSlope must be a finite number ≥ 0. Received: negativeSlope=${shown(args.negativeSlope)}`);
    }
    this.negativeSlope = slope;
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    return leakyRelu(singleInput(this.name, inputs), this.negativeSlope);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), negativeSlope: this.negativeSlope };
  }
}

registerLayer('LeakyReLU', LeakyReLU);
