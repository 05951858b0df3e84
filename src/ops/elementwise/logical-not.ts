import { OpError } from '../../core/errors.js';
import { applyOp } from '../../core/engine.js';
import { defineOp } from '../../core/op.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { mapUnary } from '../../backends/reference/elementwise.js';
import type { NoAttrs } from '../define.js';

export const logicalNotOp = defineOp<NoAttrs>({
  name: 'logicalNot',
  infer: ([x]) => {
    if (x!.dtype !== 'bool') {
      throw new OpError('logicalNot', `input must be a bool tensor (use a comparison or cast(x, 'bool')). Received: ${x!.dtype}`);
    }
    return { shape: x!.shape, dtype: 'bool' };
  },
  kernel: ([x]) => mapUnary(x!, 'bool', (v) => 1 - v),
  vjp: 'none',
  onnx: (ctx, [x]) => ctx.node('Not', [x!]),
});

/** Elementwise NOT of a bool tensor. */
export function logicalNot(x: TensorLike): Tensor {
  return applyOp(logicalNotOp, [toTensor(x)], {});
}
