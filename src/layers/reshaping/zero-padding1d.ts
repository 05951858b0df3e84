import { registerLayer } from '../registry.js';
import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';

export interface ZeroPadding1DArgs extends ZeroPaddingArgs {
  /** Zeros added per spatial axis: [before, after] (or one number for both). Default 1. */
  padding?: number | readonly number[];
}

/** Pads the spatial axes of [batch, steps, features] with zeros. */
export class ZeroPadding1D extends BaseZeroPadding {
  readonly className = 'ZeroPadding1D';

  constructor(args: ZeroPadding1DArgs = {}) {
    super(1, 'zeroPadding1d', args.padding ?? 1, args);
  }
}

registerLayer('ZeroPadding1D', ZeroPadding1D);
