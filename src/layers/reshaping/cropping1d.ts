import type { Config } from '../../io/serialization.js';
import type { LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { BaseCropping } from './base-cropping.js';

export interface Cropping1DArgs extends LayerArgs {
  /** Steps removed: [start, end] (or one number for both). Default [1, 1]. */
  cropping?: number | readonly number[];
}

/** Removes steps from the start and end of [batch, steps, features]. */
export class Cropping1D extends BaseCropping {
  readonly className = 'Cropping1D';

  constructor(args: Cropping1DArgs = {}) {
    super(1, 'cropping1d', args.cropping ?? 1, args);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), cropping: this.croppingConfig() };
  }
}

registerLayer('Cropping1D', Cropping1D);
