import { registerLayer } from '../registry.js';
import { BaseConv, type ConvArgs } from './base-conv.js';

export type Conv3DArgs = ConvArgs & { padding?: 'valid' | 'same' };

/** 3D convolution: inputs [batch, depth, height, width, channels], kernel [kd, kh, kw, in/groups, filters]. */
export class Conv3D extends BaseConv {
  readonly className = 'Conv3D';

  constructor(args: Conv3DArgs) {
    super(3, 'conv3d', args);
  }
}

registerLayer('Conv3D', Conv3D);
