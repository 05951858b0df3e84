import type { Config } from '../../io/serialization.js';
import type { LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-args.js';
import { BaseCropping } from './base-cropping.js';

export interface Cropping3DArgs extends LayerArgs {
  /** Cells removed per spatial axis: one number, 3 numbers (symmetric) or 3 pairs [start, end]. Default 1. */
  cropping?: number | readonly (number | readonly number[])[];
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
}

/** Removes cells from the start and end of the spatial axes of [batch, d1, d2, d3, channels]. */
export class Cropping3D extends BaseCropping {
  readonly className = 'Cropping3D';
  readonly dataFormat: 'channels_last';

  constructor(args: Cropping3DArgs = {}) {
    const dataFormat = checkDataFormat('cropping3d', args.dataFormat);
    super(3, 'cropping3d', args.cropping ?? 1, args);
    this.dataFormat = dataFormat;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), cropping: this.croppingConfig(), dataFormat: this.dataFormat };
  }
}

registerLayer('Cropping3D', Cropping3D);
