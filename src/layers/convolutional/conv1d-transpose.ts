import { registerLayer } from '../registry.js';
import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';

export type Conv1DTransposeArgs = ConvTransposeArgs;

/** Transposed 1D convolution (the adjoint of Conv1D, "deconvolution"): inputs [batch, steps, channels], kernel [k, filters, in]. */
export class Conv1DTranspose extends BaseConvTranspose {
  readonly className = 'Conv1DTranspose';

  constructor(args: Conv1DTransposeArgs) {
    super(1, 'conv1dTranspose', args);
  }
}

registerLayer('Conv1DTranspose', Conv1DTranspose);
