import type { Tensor } from '../../core/tensor.js';
import { maximum } from '../../ops/elementwise/maximum.js';
import { registerLayer } from '../registry.js';
import type { Mask } from '../layer.js';
import { Merge } from './merge.js';

/** Elementwise maximum of the inputs; a masked value is left out where another input is valid. */
export class Maximum extends Merge {
  readonly className = 'Maximum';

  protected mergeFunction(xs: Tensor[], masks: Mask[]): Tensor {
    return this.foldWithMasks(maximum, xs, masks);
  }
}

registerLayer('Maximum', Maximum);
