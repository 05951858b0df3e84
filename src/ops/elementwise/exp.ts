import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { floatUnaryNode } from './onnx-lowering.js';
import { mul } from './mul.js';

export const expOp = defineUnary({
  name: 'exp',
  fn: Math.exp,
  vjp: (g, _x, y) => [mul(g, y)],
  onnx: floatUnaryNode('Exp'),
});

export function exp(x: TensorLike): Tensor {
  return unary(expOp, x);
}
