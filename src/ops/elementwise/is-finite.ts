import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';

export const isFiniteOp = defineUnary({
  name: 'isFinite',
  // x - x is 0 for finite x and NaN for ±inf and NaN.
  fn: (x) => (x - x === 0 ? 1 : 0),
  output: 'bool',
  vjp: 'none',
});

/** True where x is neither infinite nor NaN (bool tensor). */
export function isFinite(x: TensorLike): Tensor {
  return unary(isFiniteOp, x);
}
