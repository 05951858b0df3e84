import { registerLayer } from '../registry.js';
import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';

export interface ZeroPadding2DArgs extends ZeroPaddingArgs {
  /** Zeros added per spatial axis: one number, [rows, cols] (symmetric) or [[top, bottom], [left, right]]. Default 1. */
  padding?: number | readonly (number | readonly number[])[];
}

/** Pads the spatial axes of [batch, height, width, channels] with zeros. */
export class ZeroPadding2D extends BaseZeroPadding {
  readonly className = 'ZeroPadding2D';

  constructor(args: ZeroPadding2DArgs = {}) {
    super(2, 'zeroPadding2d', args.padding ?? 1, args);
  }
}

registerLayer('ZeroPadding2D', ZeroPadding2D);
