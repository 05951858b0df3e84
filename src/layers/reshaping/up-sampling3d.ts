import type { Config } from '../../io/serialization.js';
import type { LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { checkDataFormat, intTuple, type DataFormat, type IntOrTuple } from '../convolutional/conv-args.js';
import { BaseUpSampling } from './base-up-sampling.js';

export interface UpSampling3DArgs extends LayerArgs {
  /** Factors for the three spatial axes. Default [2, 2, 2]. */
  size?: IntOrTuple;
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
}

/** Repeats each cell of [batch, d1, d2, d3, channels] size[i] times along axis i (nearest). */
export class UpSampling3D extends BaseUpSampling {
  readonly className = 'UpSampling3D';
  readonly dataFormat: 'channels_last';

  constructor(args: UpSampling3DArgs = {}) {
    super(3, 'upSampling3d', intTuple('upSampling3d', 'size', args.size ?? 2, 3), 'nearest', args);
    this.dataFormat = checkDataFormat('upSampling3d', args.dataFormat);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), size: [...this.size], dataFormat: this.dataFormat };
  }
}

registerLayer('UpSampling3D', UpSampling3D);
