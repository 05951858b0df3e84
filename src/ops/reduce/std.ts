import type { Tensor, TensorLike } from '../../core/tensor.js';
import { sqrt } from '../elementwise/sqrt.js';
import { varianceOf, type VarianceOptions } from './variance.js';

/** Standard deviation over `axis`: the square root of `variance` (same options). */
export function std(x: TensorLike, axis?: number | readonly number[] | null, keepDims = false, { ddof = 0 }: VarianceOptions = {}): Tensor {
  return sqrt(varianceOf('std', x, axis, keepDims, ddof));
}
