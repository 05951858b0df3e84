import type { Tensor, TensorLike } from '../../core/tensor.js';
import { isFloat } from '../../core/dtype.js';
import { defineUnary, unary } from '../define.js';
import { scalar } from './onnx-lowering.js';

export const isFiniteOp = defineUnary({
  name: 'isFinite',
  // x - x is 0 for finite x and NaN for ±inf and NaN.
  fn: (x) => (x - x === 0 ? 1 : 0),
  output: 'bool',
  vjp: 'none',
  onnx: (ctx, [x], _attrs, [xm]) => {
    const d = xm!.dtype;
    // Integers and bools are all finite (x == x is all true).
    if (!isFloat(d)) return ctx.node('Equal', [x!, x!]);
    return ctx.node('Equal', [ctx.node('Sub', [x!, x!]), scalar(ctx, 0, d)]);
  },
});

/** True where x is neither infinite nor NaN (bool tensor). */
export function isFinite(x: TensorLike): Tensor {
  return unary(isFiniteOp, x);
}
