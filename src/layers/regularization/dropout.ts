import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { dropout } from '../../ops/random/dropout.js';
import { randomKey, foldIn } from '../../ops/random/key.js';
import { Layer, type CallContext, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface DropoutArgs extends LayerArgs {
  rate: number;
  /** Mask shape (null entries take the input's size): e.g. [null, 1, null] drops whole time steps' features alike. */
  noiseShape?: (number | null)[] | null;
  seed?: number | null;
}

/**
 * Inverted dropout while training (kept values scaled by 1/(1−rate)); identity at inference.
 * Unseeded masks come from the global key (fresh each step under fit); a seed gives a
 * repeatable sequence of masks.
 */
export class Dropout extends Layer {
  readonly className: string = 'Dropout';
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  private calls = 0;

  constructor(args: DropoutArgs) {
    super(args);
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate < 1)) {
      throw new OpError('dropout', `rate must be a number in [0, 1). Received: rate=${String(args.rate)}`);
    }
    this.rate = args.rate;
    this.noiseShape = args.noiseShape ?? null;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }

  /** The mask shape for input `x` (subclasses drop whole channels). */
  protected maskShape(x: Tensor): number[] | undefined {
    return this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]!) : undefined;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (!ctx.training || this.rate === 0) return x;
    const key = this.seed === null ? undefined : foldIn(randomKey(this.seed), this.calls++);
    return dropout(x, this.rate, { noiseShape: this.maskShape(x), ...(key ? { key } : {}) });
  }

  override getConfig(): Config {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape, seed: this.seed };
  }
}

registerLayer('Dropout', Dropout);
