import type { Config } from '../../io/serialization.js';
import type { LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-args.js';
import { BaseCropping } from './base-cropping.js';

export interface Cropping2DArgs extends LayerArgs {
  /** Cells removed per spatial axis: one number, [rows, cols] (symmetric) or [[top, bottom], [left, right]]. Default 0. */
  cropping?: number | readonly (number | readonly number[])[];
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
}

/** Removes cells from the start and end of the spatial axes of [batch, height, width, channels]. */
export class Cropping2D extends BaseCropping {
  readonly className = 'Cropping2D';
  readonly dataFormat: 'channels_last';

  constructor(args: Cropping2DArgs = {}) {
    const dataFormat = checkDataFormat('cropping2d', args.dataFormat);
    super(2, 'cropping2d', args.cropping ?? 0, args);
    this.dataFormat = dataFormat;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), cropping: this.croppingConfig(), dataFormat: this.dataFormat };
  }
}

registerLayer('Cropping2D', Cropping2D);
