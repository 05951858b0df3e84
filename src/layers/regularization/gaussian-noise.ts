import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { mul } from '../../ops/elementwise/mul.js';
import { randomNormal } from '../../ops/random/random-normal.js';
import { Layer, type CallContext, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

/** Adds N(0, stddev²) noise while training (GaussianNoise), or multiplies by N(1, rate/(1−rate)) (GaussianDropout). */
export class GaussianNoise extends Layer {
  readonly className = 'GaussianNoise';
  readonly stddev: number;
  constructor(args: LayerArgs & { stddev: number }) {
    super(args);
    if (!(args.stddev >= 0)) throw new OpError('gaussianNoise', `stddev must be ≥ 0. Received: stddev=${String(args.stddev)}`);
    this.stddev = args.stddev;
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return ctx.training && this.stddev > 0 ? add(x, randomNormal(x.shape, { stddev: this.stddev, dtype: x.dtype })) : x;
  }
  override getConfig(): Config {
    return { ...super.getConfig(), stddev: this.stddev };
  }
}

export class GaussianDropout extends Layer {
  readonly className = 'GaussianDropout';
  readonly rate: number;
  constructor(args: LayerArgs & { rate: number }) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new OpError('gaussianDropout', `rate must be in [0, 1). Received: rate=${String(args.rate)}`);
    this.rate = args.rate;
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (!ctx.training || this.rate === 0) return x;
    return mul(x, randomNormal(x.shape, { mean: 1, stddev: Math.sqrt(this.rate / (1 - this.rate)), dtype: x.dtype }));
  }
  override getConfig(): Config {
    return { ...super.getConfig(), rate: this.rate };
  }
}

registerLayer('GaussianNoise', GaussianNoise);
registerLayer('GaussianDropout', GaussianDropout);
