import { registerLayer } from '../registry.js';
import { BaseConv, type ConvArgs } from './base-conv.js';

export type Conv2DArgs = ConvArgs & { padding?: 'valid' | 'same' };

/** 2D convolution: inputs [batch, height, width, channels], kernel [kh, kw, in/groups, filters]. */
export class Conv2D extends BaseConv {
  readonly className = 'Conv2D';

  constructor(args: Conv2DArgs) {
    super(2, 'conv2d', args);
  }
}

registerLayer('Conv2D', Conv2D);
