import { registerLayer } from '../registry.js';
import { BaseDepthwiseConv, type DepthwiseConvArgs } from './base-depthwise-conv.js';

export type DepthwiseConv2DArgs = DepthwiseConvArgs;

/** Depthwise 2D convolution of inputs [batch, height, width, channels]: kernel [k..., in, depthMultiplier] → in·depthMultiplier channels. */
export class DepthwiseConv2D extends BaseDepthwiseConv {
  readonly className = 'DepthwiseConv2D';

  constructor(args: DepthwiseConv2DArgs) {
    super(2, 'depthwiseConv2d', args);
  }
}

registerLayer('DepthwiseConv2D', DepthwiseConv2D);
