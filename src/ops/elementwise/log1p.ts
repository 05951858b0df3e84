import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { floatUnary, log1pNodes } from './onnx-lowering.js';
import { add } from './add.js';
import { div } from './div.js';

/** log(1 + x), accurate for small x where 1 + x would round away the digits of x. */
export const log1pOp = defineUnary({
  name: 'log1p',
  fn: Math.log1p,
  vjp: (g, [x]) => [div(g, add(x!, 1))],
  // ONNX has no Log1p, and Log(1 + x) would lose the digits of a small x.
  onnx: floatUnary((ctx, x, dtype) => log1pNodes(ctx, x, dtype, true)),
});

export function log1p(x: TensorLike): Tensor {
  return unary(log1pOp, x);
}
