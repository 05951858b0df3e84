import type { Tensor } from '../../core/tensor.js';
import { add } from '../../ops/elementwise/add.js';
import { div } from '../../ops/elementwise/div.js';
import { registerLayer } from '../registry.js';
import { Merge } from './merge.js';

/** Elementwise mean of the inputs (broadcasting). */
export class Average extends Merge {
  readonly className = 'Average';

  protected mergeFunction(xs: Tensor[]): Tensor {
    return div(xs.reduce((a, b) => add(a, b)), xs.length);
  }
}

registerLayer('Average', Average);
