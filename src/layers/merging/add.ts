import type { Tensor } from '../../core/tensor.js';
import { add } from '../../ops/elementwise/add.js';
import { registerLayer } from '../registry.js';
import { Merge } from './merge.js';

/** Elementwise sum of the inputs (broadcasting). */
export class Add extends Merge {
  readonly className = 'Add';

  protected mergeFunction(xs: Tensor[]): Tensor {
    return xs.reduce((a, b) => add(a, b));
  }
}

registerLayer('Add', Add);
