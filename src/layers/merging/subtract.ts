import type { Tensor } from '../../core/tensor.js';
import { sub } from '../../ops/elementwise/sub.js';
import { registerLayer } from '../registry.js';
import { Merge } from './merge.js';

/** inputs[0] − inputs[1] (exactly two inputs, broadcasting). */
export class Subtract extends Merge {
  readonly className = 'Subtract';
  protected override readonly minInputs = 2;
  protected override readonly maxInputs = 2;

  protected mergeFunction([a, b]: Tensor[]): Tensor {
    return sub(a!, b!);
  }
}

registerLayer('Subtract', Subtract);
