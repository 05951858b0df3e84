import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { Dropout, type DropoutArgs } from './dropout.js';
import { registerLayer } from '../registry.js';

/** Drops whole feature maps (channels-last): one mask value per sample and channel. */
abstract class SpatialDropout extends Dropout {
  abstract readonly spatialRank: number;
  constructor(args: Omit<DropoutArgs, 'noiseShape'>) {
    super({ ...args, noiseShape: null });
  }
  protected override maskShape(x: Tensor): number[] {
    if (x.rank !== this.spatialRank + 2) {
      throw new OpError(this.name, `expects inputs of rank ${this.spatialRank + 2} (batch, ${this.spatialRank} spatial, channels). Received: shape [${x.shape.join(',')}]`);
    }
    return [x.shape[0]!, ...Array.from({ length: this.spatialRank }, () => 1), x.shape[x.rank - 1]!];
  }
}

export class SpatialDropout1D extends SpatialDropout {
  override readonly className = 'SpatialDropout1D';
  readonly spatialRank = 1;
}
export class SpatialDropout2D extends SpatialDropout {
  override readonly className = 'SpatialDropout2D';
  readonly spatialRank = 2;
}
export class SpatialDropout3D extends SpatialDropout {
  override readonly className = 'SpatialDropout3D';
  readonly spatialRank = 3;
}

registerLayer('SpatialDropout1D', SpatialDropout1D);
registerLayer('SpatialDropout2D', SpatialDropout2D);
registerLayer('SpatialDropout3D', SpatialDropout3D);
