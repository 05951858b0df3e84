import { applyOp } from '../../core/engine.js';
import { defineOp } from '../../core/op.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { argReduce } from '../../backends/reference/reduce.js';
import { argInfer, singleAxis, type ArgAttrs } from './common.js';
import { argOnnx } from './onnx-lowering.js';

export const argminOp = defineOp<ArgAttrs>({
  name: 'argmin',
  infer: ([x], attrs) => argInfer('argmin', x!, attrs),
  kernel: ([x], { axis }) => argReduce(x!, axis, false),
  vjp: 'none',
  onnx: argOnnx('ArgMin'),
});

/** Index (int32) of the smallest value along `axis`: the first on ties, the first NaN if any. */
export function argmin(x: TensorLike, axis = -1, keepDims = false): Tensor {
  const t = toTensor(x);
  return applyOp(argminOp, [t], { axis: singleAxis('argmin', axis, t.rank), keepDims });
}
