import { registerLayer } from '../registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

export type GlobalAveragePooling3DArgs = GlobalPoolingArgs;

/** Mean over the spatial axes of [batch, depth, height, width, channels] → [batch, channels]. */
export class GlobalAveragePooling3D extends BaseGlobalPooling {
  readonly className = 'GlobalAveragePooling3D';

  constructor(args: GlobalAveragePooling3DArgs = {}) {
    super(3, 'globalAveragePooling3d', 'average', args);
  }
}

registerLayer('GlobalAveragePooling3D', GlobalAveragePooling3D);
