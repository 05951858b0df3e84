import type { Tensor, TensorLike } from '../../core/tensor.js';
import { reciprocal } from './reciprocal.js';
import { sqrt } from './sqrt.js';

/** 1 / sqrt(x) (composite: ONNX has no Rsqrt either). */
export function rsqrt(x: TensorLike): Tensor {
  return reciprocal(sqrt(x));
}
