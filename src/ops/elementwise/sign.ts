import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { sameUnaryNode } from './onnx-lowering.js';

/** -1, 0 or 1 (NaN stays NaN), keeping the dtype. Piecewise constant: its gradient is zero. */
export const signOp = defineUnary({
  name: 'sign',
  fn: Math.sign,
  output: 'same',
  vjp: 'none',
  onnx: sameUnaryNode('Sign', 'numeric'),
});

export function sign(x: TensorLike): Tensor {
  return unary(signOp, x);
}
