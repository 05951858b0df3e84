import { registerLayer } from '../registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

export type GlobalAveragePooling2DArgs = GlobalPoolingArgs;

/** Mean over the spatial axes of [batch, height, width, channels] → [batch, channels]. */
export class GlobalAveragePooling2D extends BaseGlobalPooling {
  readonly className = 'GlobalAveragePooling2D';

  constructor(args: GlobalAveragePooling2DArgs = {}) {
    super(2, 'globalAveragePooling2d', 'average', args);
  }
}

registerLayer('GlobalAveragePooling2D', GlobalAveragePooling2D);
