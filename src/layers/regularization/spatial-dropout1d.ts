import { registerLayer } from '../registry.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

export type SpatialDropout1DArgs = SpatialDropoutArgs;

/** Dropout of whole channels of [batch, steps, channels]. */
export class SpatialDropout1D extends SpatialDropout {
  override readonly className = 'SpatialDropout1D';
  protected readonly spatialRank = 1;

  constructor(args: SpatialDropout1DArgs) {
    super(args, 'spatialDropout1d');
  }
}

registerLayer('SpatialDropout1D', SpatialDropout1D);
