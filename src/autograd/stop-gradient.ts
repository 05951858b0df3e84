import { applyOp } from '../core/engine.js';
import { defineOp } from '../core/op.js';
import { toTensor, type Tensor, type TensorLike } from '../core/tensor.js';

/** Identity whose gradient is zero: what flows through it is treated as a constant. */
export const stopGradientOp = defineOp({
  name: 'stopGradient',
  infer: ([x]) => x!,
  kernel: ([x]) => x!.data,
  vjp: 'none',
  onnx: (ctx, [x]) => ctx.node('Identity', [x!]),
});

export function stopGradient(x: TensorLike): Tensor {
  return applyOp(stopGradientOp, [toTensor(x)], {});
}
