import type { Config } from '../../io/serialization.js';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-args.js';
import { registerLayer } from '../registry.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

export interface SpatialDropout2DArgs extends SpatialDropoutArgs {
  /** Only 'channels_last' (Tessera's layout); kept in the config for Keras files. */
  dataFormat?: DataFormat;
}

/** Dropout of whole channels of [batch, height, width, channels]. */
export class SpatialDropout2D extends SpatialDropout {
  override readonly className = 'SpatialDropout2D';
  protected readonly spatialRank = 2;
  readonly dataFormat: 'channels_last';

  constructor(args: SpatialDropout2DArgs) {
    super(args, 'spatialDropout2d');
    this.dataFormat = checkDataFormat('spatialDropout2d', args.dataFormat);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

registerLayer('SpatialDropout2D', SpatialDropout2D);
