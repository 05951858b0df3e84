import type { Tensor, TensorLike } from '../../core/tensor.js';
import { toFloat } from './common.js';
import { div } from './div.js';

/** 1 / x; int and bool inputs give float32 (integer division would truncate to 0). */
export function reciprocal(x: TensorLike): Tensor {
  return div(1, toFloat(x));
}
