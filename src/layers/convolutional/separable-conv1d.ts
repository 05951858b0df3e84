import { registerLayer } from '../registry.js';
import { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';

export type SeparableConv1DArgs = SeparableConvArgs;

/** Depthwise-separable 1D convolution of inputs [batch, steps, channels]: depthwise kernel [k..., in, depthMultiplier], pointwise kernel [1..., in·depthMultiplier, filters]. */
export class SeparableConv1D extends BaseSeparableConv {
  readonly className = 'SeparableConv1D';

  constructor(args: SeparableConv1DArgs) {
    super(1, 'separableConv1d', args);
  }
}

registerLayer('SeparableConv1D', SeparableConv1D);
