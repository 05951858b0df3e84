import type { Tensor, TensorLike } from '../../core/tensor.js';
import { isFloat } from '../../core/dtype.js';
import { defineUnary, unary } from '../define.js';

export const isNaNOp = defineUnary({
  name: 'isNaN',
  fn: (x) => (x !== x ? 1 : 0),
  output: 'bool',
  vjp: 'none',
  // ONNX IsNaN takes floats only; nothing else is NaN (x ≠ x is all false).
  onnx: (ctx, [x], _attrs, [xm]) => (isFloat(xm!.dtype) ? ctx.node('IsNaN', [x!]) : ctx.node('Not', [ctx.node('Equal', [x!, x!])])),
});

/** True where x is NaN (bool tensor). */
export function isNaN(x: TensorLike): Tensor {
  return unary(isNaNOp, x);
}
