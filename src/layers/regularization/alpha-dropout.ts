import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { greaterEqual } from '../../ops/elementwise/greater-equal.js';
import { mul } from '../../ops/elementwise/mul.js';
import { where } from '../../ops/elementwise/where.js';
import { randomUniform } from '../../ops/random/random-uniform.js';
import { singleInput } from '../core/layer-args.js';
import { Layer, type CallContext, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { checkRate } from './dropout.js';
import { checkNoiseShape, concreteNoiseShape, type NoiseShape } from './noise-shape.js';
import { SeedStream, checkSeed } from './seed-stream.js';

export interface AlphaDropoutArgs extends LayerArgs {
  /** Fraction of the inputs to drop while training, in [0, 1). */
  rate: number;
  noiseShape?: NoiseShape | null;
  seed?: number | null;
}

/** SELU's constants: the negative saturation value −scale·alpha. */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
const ALPHA_P = -SELU_ALPHA * SELU_SCALE;

/**
 * Dropout for self-normalizing (SELU) networks: dropped values are set to SELU's saturation
 * value, then an affine map a·x + b restores the mean and variance (Klambauer et al., 2017).
 */
export class AlphaDropout extends Layer {
  readonly className = 'AlphaDropout';
  readonly rate: number;
  readonly noiseShape: NoiseShape | null;
  readonly seed: number | null;
  private readonly keys: SeedStream;

  constructor(args: AlphaDropoutArgs) {
    super(args);
    this.rate = checkRate('alphaDropout', args.rate);
    this.noiseShape = checkNoiseShape('alphaDropout', args.noiseShape);
    this.seed = checkSeed('alphaDropout', args.seed);
    this.keys = new SeedStream(this.seed);
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    if (!ctx.training || this.rate === 0) return x;
    const shape = this.noiseShape ? concreteNoiseShape(this.name, this.noiseShape, x) : x.shape;
    const key = this.keys.next();
    const kept = greaterEqual(randomUniform(shape, { dtype: x.dtype, ...(key ? { key } : {}) }), this.rate);
    const a = ((1 - this.rate) * (1 + this.rate * ALPHA_P ** 2)) ** -0.5;
    const b = -a * ALPHA_P * this.rate;
    return add(mul(where(kept, x, ALPHA_P), a), b);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape ? [...this.noiseShape] : null, seed: this.seed };
  }
}

registerLayer('AlphaDropout', AlphaDropout);
