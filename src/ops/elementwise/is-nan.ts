import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';

export const isNaNOp = defineUnary({
  name: 'isNaN',
  fn: (x) => (x !== x ? 1 : 0),
  output: 'bool',
  vjp: 'none',
});

/** True where x is NaN (bool tensor). */
export function isNaN(x: TensorLike): Tensor {
  return unary(isNaNOp, x);
}
