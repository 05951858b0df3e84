import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { floatUnaryNode } from './onnx-lowering.js';
import { div } from './div.js';
import { mul } from './mul.js';

export const sqrtOp = defineUnary({
  name: 'sqrt',
  fn: Math.sqrt,
  // d sqrt(x) = 1 / (2 sqrt(x)): reuses the output.
  vjp: (g, _x, y) => [div(g, mul(y, 2))],
  onnx: floatUnaryNode('Sqrt'),
});

export function sqrt(x: TensorLike): Tensor {
  return unary(sqrtOp, x);
}
