import { OpError } from '../../core/errors.js';
import type { Config } from '../../io/serialization.js';
import type { LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { BaseUpSampling } from './base-up-sampling.js';

export interface UpSampling1DArgs extends LayerArgs {
  /** Repeats of each step. Default 2. */
  size?: number;
}

/** Repeats each step of [batch, steps, features] `size` times → [batch, steps·size, features]. */
export class UpSampling1D extends BaseUpSampling {
  readonly className = 'UpSampling1D';

  constructor(args: UpSampling1DArgs = {}) {
    const size = args.size ?? 2;
    if (!Number.isInteger(size) || size < 1) throw new OpError('upSampling1d', `size must be an integer ≥ 1. Received: size=${JSON.stringify(args.size)}`);
    super(1, 'upSampling1d', [size], 'nearest', args);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), size: this.size[0]! };
  }
}

registerLayer('UpSampling1D', UpSampling1D);
