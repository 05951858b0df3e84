import { registerLayer } from '../registry.js';
import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';

export type Conv2DTransposeArgs = ConvTransposeArgs;

/** Transposed 2D convolution (the adjoint of Conv2D, "deconvolution"): inputs [batch, height, width, channels], kernel [kh, kw, filters, in]. */
export class Conv2DTranspose extends BaseConvTranspose {
  readonly className = 'Conv2DTranspose';

  constructor(args: Conv2DTransposeArgs) {
    super(2, 'conv2dTranspose', args);
  }
}

registerLayer('Conv2DTranspose', Conv2DTranspose);
