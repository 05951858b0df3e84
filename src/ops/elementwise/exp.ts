import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { mul } from './mul.js';

export const expOp = defineUnary({
  name: 'exp',
  fn: Math.exp,
  vjp: (g, _x, y) => [mul(g, y)],
});

export function exp(x: TensorLike): Tensor {
  return unary(expOp, x);
}
