/**
 * The LSTM bias initializer with `unitForgetBias`: the forget-gate quarter starts at 1, the other
 * quarters from the user's bias initializer (Keras builds the same concatenation in LSTMCell.build).
 * Never saved: the layer's config keeps the user's biasInitializer and unitForgetBias.
 */
import { ones } from '../../core/creation.js';
import type { DType } from '../../core/dtype.js';
import type { Shape } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { Initializer } from '../../initializers/index.js';
import { concat } from '../../ops/shape/concat.js';

export class UnitForgetBias extends Initializer {
  readonly className = 'UnitForgetBias';
  constructor(private readonly base: Initializer) {
    super();
  }

  /** `shape` is [4·units] (gates i, f, c, o). */
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    const units = shape[0]! / 4;
    return concat([this.base.call([units], dtype), ones([units], dtype), this.base.call([2 * units], dtype)], 0);
  }
}
