import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { sameUnaryNode } from './onnx-lowering.js';

/** Largest integer ≤ x, keeping the dtype. Piecewise constant: its gradient is zero. */
export const floorOp = defineUnary({
  name: 'floor',
  fn: Math.floor,
  output: 'same',
  vjp: 'none',
  onnx: sameUnaryNode('Floor', 'float'),
});

export function floor(x: TensorLike): Tensor {
  return unary(floorOp, x);
}
