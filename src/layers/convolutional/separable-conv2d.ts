import { registerLayer } from '../registry.js';
import { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';

export type SeparableConv2DArgs = SeparableConvArgs;

/** Depthwise-separable 2D convolution of inputs [batch, height, width, channels]: depthwise kernel [k..., in, depthMultiplier], pointwise kernel [1..., in·depthMultiplier, filters]. */
export class SeparableConv2D extends BaseSeparableConv {
  readonly className = 'SeparableConv2D';

  constructor(args: SeparableConv2DArgs) {
    super(2, 'separableConv2d', args);
  }
}

registerLayer('SeparableConv2D', SeparableConv2D);
