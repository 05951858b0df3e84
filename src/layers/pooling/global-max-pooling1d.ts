import { registerLayer } from '../registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

export type GlobalMaxPooling1DArgs = GlobalPoolingArgs;

/** Maximum over the spatial axes of [batch, steps, channels] → [batch, channels]. */
export class GlobalMaxPooling1D extends BaseGlobalPooling {
  readonly className = 'GlobalMaxPooling1D';

  constructor(args: GlobalMaxPooling1DArgs = {}) {
    super(1, 'globalMaxPooling1d', 'max', args);
  }
}

registerLayer('GlobalMaxPooling1D', GlobalMaxPooling1D);
