import { registerLayer } from '../registry.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';

export type MaxPooling3DArgs = PoolingArgs;

/** Maximum over windows of [batch, depth, height, width, channels], per channel. */
export class MaxPooling3D extends BasePooling {
  readonly className = 'MaxPooling3D';

  constructor(args: MaxPooling3DArgs = {}) {
    super(3, 'maxPooling3d', 'max', args);
  }
}

registerLayer('MaxPooling3D', MaxPooling3D);
