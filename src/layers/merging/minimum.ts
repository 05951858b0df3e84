import type { Tensor } from '../../core/tensor.js';
import { minimum } from '../../ops/elementwise/minimum.js';
import { registerLayer } from '../registry.js';
import type { Mask } from '../layer.js';
import { Merge } from './merge.js';

/** Elementwise minimum of the inputs; a masked value is left out where another input is valid. */
export class Minimum extends Merge {
  readonly className = 'Minimum';

  protected mergeFunction(xs: Tensor[], masks: Mask[]): Tensor {
    return this.foldWithMasks(minimum, xs, masks);
  }
}

registerLayer('Minimum', Minimum);
