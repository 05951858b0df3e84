import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { floatUnaryNode } from './onnx-lowering.js';
import { div } from './div.js';

/** Natural logarithm: -inf at 0, NaN below. */
export const logOp = defineUnary({
  name: 'log',
  fn: Math.log,
  vjp: (g, [x]) => [div(g, x!)],
  onnx: floatUnaryNode('Log'),
});

export function log(x: TensorLike): Tensor {
  return unary(logOp, x);
}
