import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { randomNormal } from '../../ops/random/random-normal.js';
import { shown, singleInput } from '../core/layer-args.js';
import { Layer, type CallContext, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { SeedStream, checkSeed } from './seed-stream.js';

export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the added noise (≥ 0). */
  stddev: number;
  seed?: number | null;
}

/** Adds zero-mean Gaussian noise while training (a regularizer, and data augmentation for real inputs). */
export class GaussianNoise extends Layer {
  readonly className = 'GaussianNoise';
  readonly stddev: number;
  readonly seed: number | null;
  private readonly keys: SeedStream;

  constructor(args: GaussianNoiseArgs) {
    super(args);
    // Keras 3 also caps stddev at 1; a larger stddev is a legitimate choice for unnormalized inputs.
    if (typeof args.stddev !== 'number' || !(args.stddev >= 0) || !Number.isFinite(args.stddev)) {
      throw new OpError('gaussianNoise', `stddev must be a finite number ≥ 0. Received: stddev=${shown(args.stddev)}`);
    }
    this.stddev = args.stddev;
    this.seed = checkSeed('gaussianNoise', args.seed);
    this.keys = new SeedStream(this.seed);
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    if (!ctx.training || this.stddev === 0) return x;
    const key = this.keys.next();
    return add(x, randomNormal(x.shape, { stddev: this.stddev, dtype: x.dtype, ...(key ? { key } : {}) }));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
  }
}

registerLayer('GaussianNoise', GaussianNoise);
