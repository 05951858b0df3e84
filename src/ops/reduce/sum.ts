import { applyOp } from '../../core/engine.js';
import { defineOp } from '../../core/op.js';
import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { reduce, reducedShape } from '../../backends/reference/reduce.js';
import { broadcastTo } from '../shape/broadcast-to.js';
import { reshape } from '../shape/reshape.js';
import { accumulateOnnx } from './onnx-lowering.js';

export interface ReduceAttrs {
  [key: string]: readonly number[] | boolean;
  axes: readonly number[];
  keepDims: boolean;
}

/** Shape of the reduced output with the reduced axes kept as 1: the shape a gradient is broadcast from. */
export function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return reducedShape(shape, axes, true);
}

export const sumOp = defineOp<ReduceAttrs>({
  name: 'sum',
  infer: ([x], { axes, keepDims }) => ({
    shape: reducedShape(x!.shape, axes, keepDims),
    // Summing booleans counts them, as numpy does.
    dtype: x!.dtype === 'bool' ? 'int32' : x!.dtype,
  }),
  kernel: ([x], { axes }, out) => reduce(x!, axes, out.dtype, 0, (acc, v) => acc + v),
  vjp: (g, [x], _y, { axes }) => [broadcastTo(reshape(g, keptShape(x!.shape, axes)), x!.shape)],
  onnx: accumulateOnnx('ReduceSum'),
});

/** Sum over `axis` (all axes when omitted). */
export function sum(x: TensorLike, axis?: number | readonly number[] | null, keepDims = false): Tensor {
  const t = toTensor(x);
  return applyOp(sumOp, [t], { axes: normalizeAxes('sum', axis, t.rank), keepDims });
}
