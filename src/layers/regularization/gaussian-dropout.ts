import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { mul } from '../../ops/elementwise/mul.js';
import { randomNormal } from '../../ops/random/random-normal.js';
import { singleInput } from '../core/layer-args.js';
import { Layer, type CallContext, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { checkRate } from './dropout.js';
import { SeedStream, checkSeed } from './seed-stream.js';

export interface GaussianDropoutArgs extends LayerArgs {
  /** The dropout rate it imitates, in [0, 1): noise stddev √(rate / (1 − rate)). */
  rate: number;
  seed?: number | null;
}

/** Multiplies the inputs by N(1, rate/(1 − rate)) noise while training (mean kept, like dropout). */
export class GaussianDropout extends Layer {
  readonly className = 'GaussianDropout';
  readonly rate: number;
  readonly seed: number | null;
  private readonly keys: SeedStream;

  constructor(args: GaussianDropoutArgs) {
    super(args);
    this.rate = checkRate('gaussianDropout', args.rate);
    this.seed = checkSeed('gaussianDropout', args.seed);
    this.keys = new SeedStream(this.seed);
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    if (!ctx.training || this.rate === 0) return x;
    const key = this.keys.next();
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    return mul(x, randomNormal(x.shape, { mean: 1, stddev, dtype: x.dtype, ...(key ? { key } : {}) }));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

registerLayer('GaussianDropout', GaussianDropout);
