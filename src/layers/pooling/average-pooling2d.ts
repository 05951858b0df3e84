import { registerLayer } from '../registry.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';

export type AveragePooling2DArgs = PoolingArgs;

/** Mean over windows of [batch, height, width, channels], per channel. */
export class AveragePooling2D extends BasePooling {
  readonly className = 'AveragePooling2D';

  constructor(args: AveragePooling2DArgs = {}) {
    super(2, 'averagePooling2d', 'average', args);
  }
}

registerLayer('AveragePooling2D', AveragePooling2D);
