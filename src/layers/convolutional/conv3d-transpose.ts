import { registerLayer } from '../registry.js';
import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';

export type Conv3DTransposeArgs = ConvTransposeArgs;

/** Transposed 3D convolution (the adjoint of Conv3D, "deconvolution"): inputs [batch, depth, height, width, channels], kernel [kd, kh, kw, filters, in]. */
export class Conv3DTranspose extends BaseConvTranspose {
  readonly className = 'Conv3DTranspose';

  constructor(args: Conv3DTransposeArgs) {
    super(3, 'conv3dTranspose', args);
  }
}

registerLayer('Conv3DTranspose', Conv3DTranspose);
