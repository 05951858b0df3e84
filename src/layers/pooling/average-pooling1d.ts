import { registerLayer } from '../registry.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';

export type AveragePooling1DArgs = PoolingArgs;

/** Mean over windows of [batch, steps, channels], per channel. */
export class AveragePooling1D extends BasePooling {
  readonly className = 'AveragePooling1D';

  constructor(args: AveragePooling1DArgs = {}) {
    super(1, 'averagePooling1d', 'average', args);
  }
}

registerLayer('AveragePooling1D', AveragePooling1D);
