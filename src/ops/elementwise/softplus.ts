import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { floatUnary, log1pNodes } from './onnx-lowering.js';
import { mul } from './mul.js';
import { sigmoid } from './sigmoid.js';

/**
 * log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so it neither overflows for large x nor
 * loses digits for very negative x. A primitive: the composite of relu/abs has kinks at 0 whose
 * subgradients do not add up to the true derivative there (sigmoid(0) = 0.5).
 */
export const softplusOp = defineUnary({
  name: 'softplus',
  fn: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
  vjp: (g, [x]) => [mul(g, sigmoid(x!))],
  // The same stable form (ONNX Softplus overflows for large x and gives 0 for very negative x).
  // e^-|x| is in [0, 1], so log1p needs no guard for -1 or inf.
  onnx: floatUnary((ctx, x, dtype) => {
    const e = ctx.node('Exp', [ctx.node('Neg', [ctx.node('Abs', [x])])]);
    return ctx.node('Add', [ctx.node('Relu', [x]), log1pNodes(ctx, e, dtype, false)]);
  }),
});

export function softplus(x: TensorLike): Tensor {
  return unary(softplusOp, x);
}
