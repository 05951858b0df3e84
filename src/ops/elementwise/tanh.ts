import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { mul } from './mul.js';
import { sub } from './sub.js';

export const tanhOp = defineUnary({
  name: 'tanh',
  fn: Math.tanh,
  // 1 - tanh² from the output: no second pass over x.
  vjp: (g, _x, y) => [mul(g, sub(1, mul(y, y)))],
});

export function tanh(x: TensorLike): Tensor {
  return unary(tanhOp, x);
}
