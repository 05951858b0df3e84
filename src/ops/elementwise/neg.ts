import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { rejectBool } from './common.js';

export const negOp = defineUnary({
  name: 'neg',
  fn: (x) => -x,
  output: 'same',
  vjp: (g) => [neg(g)],
  onnx: (ctx, [x]) => ctx.node('Neg', [x!]),
});

export function neg(x: TensorLike): Tensor {
  const t = toTensor(x);
  rejectBool('neg', t);
  return unary(negOp, t);
}
