import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { sameUnaryNode, scalar } from './onnx-lowering.js';
import { greater } from './greater.js';
import { cast } from './cast.js';
import { mul } from './mul.js';

/**
 * max(x, 0), keeping the dtype. A primitive (one pass, ONNX Relu) because it is the most used
 * activation; the gradient at 0 is 0, like PyTorch.
 */
export const reluOp = defineUnary({
  name: 'relu',
  // `x > 0 ? x : 0` would turn NaN into 0; NaN must propagate.
  fn: (x) => (x < 0 ? 0 : x),
  output: 'same',
  vjp: (g, [x]) => [mul(g, cast(greater(x!, 0), g.dtype))],
  // ONNX Relu keeps NaN too (checked on ONNX Runtime's CPU provider). ONNX Runtime has no int64
  // Relu kernel ("Could not find an implementation for Relu(14)"): Max with 0 there.
  onnx: (ctx, inputs, attrs, meta, out) => (meta[0]!.dtype === 'int64'
    ? ctx.node('Max', [inputs[0]!, scalar(ctx, 0, 'int64')])
    : sameUnaryNode('Relu', 'numeric')(ctx, inputs, attrs, meta, out)),
});

export function relu(x: TensorLike): Tensor {
  return unary(reluOp, x);
}
