import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';

export const negOp = defineUnary({
  name: 'neg',
  fn: (x) => -x,
  output: 'same',
  vjp: (g) => [neg(g)],
});

export function neg(x: TensorLike): Tensor {
  return unary(negOp, x);
}
