import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { castTo, floatUnary } from './onnx-lowering.js';
import { mul } from './mul.js';
import { sub } from './sub.js';

export const tanhOp = defineUnary({
  name: 'tanh',
  fn: Math.tanh,
  // 1 - tanh² from the output: no second pass over x.
  vjp: (g, _x, y) => [mul(g, sub(1, mul(y, y)))],
  // ONNX Runtime's float32 Tanh is off by up to 5 ulps near ±1, where 1 - tanh² (the gradient)
  // magnifies it: float32 is computed in float64 and rounded, as the kernel does.
  onnx: floatUnary((ctx, x, dtype) => castTo(ctx, ctx.node('Tanh', [castTo(ctx, x, dtype, 'float64')]), 'float64', dtype)),
});

export function tanh(x: TensorLike): Tensor {
  return unary(tanhOp, x);
}
