import { registerLayer } from '../registry.js';
import { BaseDepthwiseConv, type DepthwiseConvArgs } from './base-depthwise-conv.js';

export type DepthwiseConv1DArgs = DepthwiseConvArgs;

/** Depthwise 1D convolution of inputs [batch, steps, channels]: kernel [k..., in, depthMultiplier] → in·depthMultiplier channels. */
export class DepthwiseConv1D extends BaseDepthwiseConv {
  readonly className = 'DepthwiseConv1D';

  constructor(args: DepthwiseConv1DArgs) {
    super(1, 'depthwiseConv1d', args);
  }
}

registerLayer('DepthwiseConv1D', DepthwiseConv1D);
