import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { floatUnaryNode } from './onnx-lowering.js';
import { cos } from './cos.js';
import { mul } from './mul.js';

export const sinOp = defineUnary({
  name: 'sin',
  fn: Math.sin,
  vjp: (g, [x]) => [mul(g, cos(x!))],
  onnx: floatUnaryNode('Sin'),
});

export function sin(x: TensorLike): Tensor {
  return unary(sinOp, x);
}
