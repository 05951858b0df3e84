import { registerLayer } from '../registry.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';

export type MaxPooling2DArgs = PoolingArgs;

/** Maximum over windows of [batch, height, width, channels], per channel. */
export class MaxPooling2D extends BasePooling {
  readonly className = 'MaxPooling2D';

  constructor(args: MaxPooling2DArgs = {}) {
    super(2, 'maxPooling2d', 'max', args);
  }
}

registerLayer('MaxPooling2D', MaxPooling2D);
