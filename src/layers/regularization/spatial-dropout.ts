import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { Dropout, type DropoutArgs } from './dropout.js';

export type SpatialDropoutArgs = Omit<DropoutArgs, 'noiseShape'>;

/**
 * Drops whole feature maps (channels-last): one keep/drop draw per sample and channel, shared
 * over the spatial axes, for inputs whose neighbouring positions are strongly correlated.
 */
export abstract class SpatialDropout extends Dropout {
  /** Number of spatial axes (1, 2 or 3). */
  protected abstract readonly spatialRank: number;

  constructor(args: SpatialDropoutArgs, kind: string) {
    super({ ...args, noiseShape: null }, kind);
  }

  protected override maskShape(x: Tensor): number[] {
    if (x.rank !== this.spatialRank + 2) {
      throw new OpError(this.name, `expects inputs of rank ${this.spatialRank + 2} [batch, ${this.spatialRank} spatial axes, channels]. Received: input shape [${x.shape.join(',')}]`);
    }
    return [x.shape[0]!, ...new Array<number>(this.spatialRank).fill(1), x.shape[x.rank - 1]!];
  }

  // Keras's spatial dropout config has no noiseShape (it is fixed by the layer).
  override getConfig(): Config {
    const { noiseShape: _fixed, ...config } = super.getConfig();
    return config;
  }
}
