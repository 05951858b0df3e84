import { registerLayer } from '../registry.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';

export type MaxPooling1DArgs = PoolingArgs;

/** Maximum over windows of [batch, steps, channels], per channel. */
export class MaxPooling1D extends BasePooling {
  readonly className = 'MaxPooling1D';

  constructor(args: MaxPooling1DArgs = {}) {
    super(1, 'maxPooling1d', 'max', args);
  }
}

registerLayer('MaxPooling1D', MaxPooling1D);
