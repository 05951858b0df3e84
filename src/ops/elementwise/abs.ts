import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { sameUnaryNode } from './onnx-lowering.js';
import { mul } from './mul.js';
import { sign } from './sign.js';

/** |x|, keeping the dtype. The gradient at 0 is taken as 0 (sign(0)), like PyTorch. */
export const absOp = defineUnary({
  name: 'abs',
  fn: Math.abs,
  output: 'same',
  vjp: (g, [x]) => [mul(g, sign(x!))],
  onnx: sameUnaryNode('Abs', 'numeric'),
});

export function abs(x: TensorLike): Tensor {
  return unary(absOp, x);
}
