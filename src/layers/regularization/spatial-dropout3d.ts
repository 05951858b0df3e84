import type { Config } from '../../io/serialization.js';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-args.js';
import { registerLayer } from '../registry.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

export interface SpatialDropout3DArgs extends SpatialDropoutArgs {
  /** Only 'channels_last' (Tessera's layout); kept in the config for Keras files. */
  dataFormat?: DataFormat;
}

/** Dropout of whole channels of [batch, depth, height, width, channels]. */
export class SpatialDropout3D extends SpatialDropout {
  override readonly className = 'SpatialDropout3D';
  protected readonly spatialRank = 3;
  readonly dataFormat: 'channels_last';

  constructor(args: SpatialDropout3DArgs) {
    super(args, 'spatialDropout3d');
    this.dataFormat = checkDataFormat('spatialDropout3d', args.dataFormat);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

registerLayer('SpatialDropout3D', SpatialDropout3D);
