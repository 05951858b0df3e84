import { registerLayer } from '../registry.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';

export type AveragePooling3DArgs = PoolingArgs;

/** Mean over windows of [batch, depth, height, width, channels], per channel. */
export class AveragePooling3D extends BasePooling {
  readonly className = 'AveragePooling3D';

  constructor(args: AveragePooling3DArgs = {}) {
    super(3, 'averagePooling3d', 'average', args);
  }
}

registerLayer('AveragePooling3D', AveragePooling3D);
