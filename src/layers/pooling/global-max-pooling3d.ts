import { registerLayer } from '../registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

export type GlobalMaxPooling3DArgs = GlobalPoolingArgs;

/** Maximum over the spatial axes of [batch, depth, height, width, channels] → [batch, channels]. */
export class GlobalMaxPooling3D extends BaseGlobalPooling {
  readonly className = 'GlobalMaxPooling3D';

  constructor(args: GlobalMaxPooling3DArgs = {}) {
    super(3, 'globalMaxPooling3d', 'max', args);
  }
}

registerLayer('GlobalMaxPooling3D', GlobalMaxPooling3D);
