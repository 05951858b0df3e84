import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { dropout } from '../../ops/random/dropout.js';
import { shown, singleInput } from '../core/layer-args.js';
import { Layer, type CallContext, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { checkNoiseShape, concreteNoiseShape, type NoiseShape } from './noise-shape.js';
import { SeedStream, checkSeed } from './seed-stream.js';

export interface DropoutArgs extends LayerArgs {
  /** Fraction of the inputs to zero while training, in [0, 1). */
  rate: number;
  /** Shape of the keep/drop mask (null entries take the input's size): [null, 1, null] drops the same features at every time step. */
  noiseShape?: NoiseShape | null;
  /** Makes the sequence of masks repeatable; null draws from the global key (see setSeed). */
  seed?: number | null;
}

/** Checks a dropout-like `rate`: a number in [0, 1) (1 would scale the kept values by 1/0). */
export function checkRate(kind: string, rate: unknown): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw new OpError(kind, `rate must be a number in [0, 1). Received: rate=${shown(rate)}`);
  return rate;
}

/** Inverted dropout while training (kept values scaled by 1/(1 − rate)); the identity at inference. */
export class Dropout extends Layer {
  readonly className: string = 'Dropout';
  readonly rate: number;
  readonly noiseShape: NoiseShape | null;
  readonly seed: number | null;
  protected readonly keys: SeedStream;

  /** `kind` names the layer in argument errors (subclasses pass their factory's name). */
  constructor(args: DropoutArgs, kind = 'dropout') {
    super(args);
    this.rate = checkRate(kind, args.rate);
    this.noiseShape = checkNoiseShape(kind, args.noiseShape);
    this.seed = checkSeed(kind, args.seed);
    this.keys = new SeedStream(this.seed);
    this.supportsMasking = true;
  }

  /** The mask shape for input `x` (spatial dropout overrides it to drop whole channels). */
  protected maskShape(x: Tensor): number[] | undefined {
    return this.noiseShape ? concreteNoiseShape(this.name, this.noiseShape, x) : undefined;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    if (!ctx.training || this.rate === 0) return x;
    const noiseShape = this.maskShape(x);
    const key = this.keys.next();
    return dropout(x, this.rate, { ...(noiseShape ? { noiseShape } : {}), ...(key ? { key } : {}) });
  }

  override getConfig(): Config {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape ? [...this.noiseShape] : null, seed: this.seed };
  }
}

registerLayer('Dropout', Dropout);
