import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { floatUnaryNode } from './onnx-lowering.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { sin } from './sin.js';

export const cosOp = defineUnary({
  name: 'cos',
  fn: Math.cos,
  vjp: (g, [x]) => [neg(mul(g, sin(x!)))],
  onnx: floatUnaryNode('Cos'),
});

export function cos(x: TensorLike): Tensor {
  return unary(cosOp, x);
}
