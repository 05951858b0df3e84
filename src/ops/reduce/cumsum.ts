import { applyOp } from '../../core/engine.js';
import { defineOp } from '../../core/op.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { cumulativeSum } from '../../backends/reference/reduce.js';
import { singleAxis } from './common.js';
import { castTo } from './onnx-lowering.js';

export interface CumsumOptions {
  /** Leave each element out of its own sum: the first output is 0. */
  exclusive?: boolean;
  /** Sum from the end of the axis towards its start. */
  reverse?: boolean;
}

type CumsumAttrs = { axis: number; exclusive: boolean; reverse: boolean };

export const cumsumOp = defineOp<CumsumAttrs>({
  name: 'cumsum',
  // Running sums of booleans count them, as sum does.
  infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype === 'bool' ? 'int32' : x!.dtype }),
  kernel: ([x], { axis, exclusive, reverse }, out) => cumulativeSum(x!, axis, exclusive, reverse, out.dtype),
  // Each input feeds the outputs after it (before it when reversed): the adjoint runs the other way.
  vjp: (g, _x, _y, { axis, exclusive, reverse }) => [cumsum(g, axis, { exclusive, reverse: !reverse })],
  // ONNX CumSum has the same exclusive/reverse flags; it needs an axis, so a scalar goes through [1].
  onnx: (ctx, [x], { axis, exclusive, reverse }, [xm], out) => {
    const scalar = xm!.shape.length === 0;
    let v = castTo(ctx, x!, xm!.dtype, out.dtype);
    if (scalar) v = ctx.node('Reshape', [v, ctx.ints([1])]);
    const y = ctx.node('CumSum', [v, ctx.constant([axis], [], 'int64')], { exclusive: exclusive ? 1 : 0, reverse: reverse ? 1 : 0 });
    return scalar ? ctx.node('Reshape', [y, ctx.ints([])]) : y;
  },
});

/** Cumulative sum along `axis` (ONNX CumSum semantics for `exclusive` and `reverse`). */
export function cumsum(x: TensorLike, axis = 0, { exclusive = false, reverse = false }: CumsumOptions = {}): Tensor {
  const t = toTensor(x);
  return applyOp(cumsumOp, [t], { axis: singleAxis('cumsum', axis, t.rank), exclusive, reverse });
}
