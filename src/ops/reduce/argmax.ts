import { applyOp } from '../../core/engine.js';
import { defineOp } from '../../core/op.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { argReduce } from '../../backends/reference/reduce.js';
import { argInfer, singleAxis, type ArgAttrs } from './common.js';
import { argOnnx } from './onnx-lowering.js';

export const argmaxOp = defineOp<ArgAttrs>({
  name: 'argmax',
  infer: ([x], attrs) => argInfer('argmax', x!, attrs),
  kernel: ([x], { axis }) => argReduce(x!, axis, true),
  vjp: 'none',
  onnx: argOnnx('ArgMax'),
});

/** Index (int32) of the largest value along `axis`: the first on ties, the first NaN if any. */
export function argmax(x: TensorLike, axis = -1, keepDims = false): Tensor {
  const t = toTensor(x);
  return applyOp(argmaxOp, [t], { axis: singleAxis('argmax', axis, t.rank), keepDims });
}
