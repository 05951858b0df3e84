import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { castTo, floatUnary, scalar } from './onnx-lowering.js';
import { mul } from './mul.js';
import { sub } from './sub.js';

/**
 * 1 / (1 + e^-x). A primitive rather than a composite: the composite's exp(-x) overflows for
 * very negative x, and its gradient then multiplies 0 by inf (NaN).
 */
export const sigmoidOp = defineUnary({
  name: 'sigmoid',
  // Each branch exponentiates a non-positive number, so nothing overflows.
  fn: (x) => {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    const e = Math.exp(x);
    return e / (1 + e);
  },
  vjp: (g, _x, y) => [mul(g, mul(y, sub(1, y)))],
  // ONNX Runtime's Sigmoid is accurate in absolute terms only (float32: several ulps, and 0
  // below about -18). float32 is computed in float64 as 1 / (1 + e^-x), which then rounds to the
  // kernel's value (e^-x overflowing to inf gives 0, as it should). float64 uses Sigmoid only
  // where it is ≥ 0.5: sigmoid(|x|)·e^min(x, 0), which for x < 0 is e^x / (1 + e^x), as the kernel.
  onnx: floatUnary((ctx, x, dtype) => {
    if (dtype === 'float64') {
      const e = ctx.node('Exp', [ctx.node('Min', [x, scalar(ctx, 0, dtype)])]);
      return ctx.node('Mul', [ctx.node('Sigmoid', [ctx.node('Abs', [x])]), e]);
    }
    const e = ctx.node('Exp', [ctx.node('Neg', [castTo(ctx, x, dtype, 'float64')])]);
    return castTo(ctx, ctx.node('Reciprocal', [ctx.node('Add', [e, scalar(ctx, 1, 'float64')])]), 'float64', dtype);
  }),
});

export function sigmoid(x: TensorLike): Tensor {
  return unary(sigmoidOp, x);
}
