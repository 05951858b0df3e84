import type { Config } from '../../io/serialization.js';
import type { LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { checkDataFormat, intTuple, type DataFormat, type IntOrTuple } from '../convolutional/conv-args.js';
import { BaseUpSampling, type Interpolation } from './base-up-sampling.js';

export interface UpSampling2DArgs extends LayerArgs {
  /** Factors for rows and columns. Default [2, 2]. */
  size?: IntOrTuple;
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
  /** 'nearest' (default: repeat) or 'bilinear' (half-pixel centres, as tf.image.resize). */
  interpolation?: Interpolation;
}

/** Upsamples [batch, height, width, channels] → [batch, height·size[0], width·size[1], channels]. */
export class UpSampling2D extends BaseUpSampling {
  readonly className = 'UpSampling2D';
  readonly dataFormat: 'channels_last';

  constructor(args: UpSampling2DArgs = {}) {
    super(2, 'upSampling2d', intTuple('upSampling2d', 'size', args.size ?? 2, 2), args.interpolation, args);
    this.dataFormat = checkDataFormat('upSampling2d', args.dataFormat);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), size: [...this.size], dataFormat: this.dataFormat, interpolation: this.interpolation };
  }
}

registerLayer('UpSampling2D', UpSampling2D);
