import { registerLayer } from '../registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

export type GlobalMaxPooling2DArgs = GlobalPoolingArgs;

/** Maximum over the spatial axes of [batch, height, width, channels] → [batch, channels]. */
export class GlobalMaxPooling2D extends BaseGlobalPooling {
  readonly className = 'GlobalMaxPooling2D';

  constructor(args: GlobalMaxPooling2DArgs = {}) {
    super(2, 'globalMaxPooling2d', 'max', args);
  }
}

registerLayer('GlobalMaxPooling2D', GlobalMaxPooling2D);
