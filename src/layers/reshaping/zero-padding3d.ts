import { registerLayer } from '../registry.js';
import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';

export interface ZeroPadding3DArgs extends ZeroPaddingArgs {
  /** Zeros added per spatial axis: one number, 3 numbers (symmetric) or 3 pairs [before, after]. Default 1. */
  padding?: number | readonly (number | readonly number[])[];
}

/** Pads the spatial axes of [batch, d1, d2, d3, channels] with zeros. */
export class ZeroPadding3D extends BaseZeroPadding {
  readonly className = 'ZeroPadding3D';

  constructor(args: ZeroPadding3DArgs = {}) {
    super(3, 'zeroPadding3d', args.padding ?? 1, args);
  }
}

registerLayer('ZeroPadding3D', ZeroPadding3D);
