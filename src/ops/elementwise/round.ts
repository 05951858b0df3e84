import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { sameUnaryNode } from './onnx-lowering.js';

/** Nearest integer, ties to even (numpy, ONNX Round): round(2.5) = 2, round(-3.5) = -4. */
export function roundHalfEven(x: number): number {
  // Math.round sends ties up (toward +inf); move those landing on an odd integer back down.
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Piecewise constant: its gradient is zero. */
export const roundOp = defineUnary({
  name: 'round',
  fn: roundHalfEven,
  output: 'same',
  vjp: 'none',
  // ONNX Round rounds half to even as well.
  onnx: sameUnaryNode('Round', 'float'),
});

export function round(x: TensorLike): Tensor {
  return unary(roundOp, x);
}
