import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp } from '../../core/op.js';
import { broadcastShapes, shapesEqual, sizeOf, type Shape } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { broadcastRows } from '../../backends/reference/elementwise.js';
import { sumToShape } from '../reduce/sum-to-shape.js';

export const broadcastToOp = defineOp<{ shape: readonly number[] }>({
  name: 'broadcastTo',
  infer: ([x], { shape }) => {
    const b = broadcastShapes('broadcastTo', x!.shape, shape);
    if (!shapesEqual(b, shape)) throw new OpError('broadcastTo', `cannot broadcast ${fmtShape(x!.shape)} to ${fmtShape(shape)}`);
    return { shape, dtype: x!.dtype };
  },
  kernel: ([x], { shape }, out) => {
    const res = allocate(out.dtype, sizeOf(shape));
    const d = x!.data;
    const { rows, inner, innerStrides } = broadcastRows([x!.shape], shape);
    const starts = rows[0]!;
    const stride = innerStrides[0]!;
    for (let r = 0; r < starts.length; r++) {
      const o = r * inner;
      const src = starts[r]!;
      if (stride === 0) res.fill(d[src]!, o, o + inner);
      else for (let j = 0; j < inner; j++) res[o + j] = d[src + j]!;
    }
    return res;
  },
  vjp: (g, [x]) => [sumToShape(g, x!.shape)],
  onnx: (ctx, [x], { shape }) => ctx.node('Expand', [x!, ctx.ints(shape)]),
});

/** Repeats size-1 (and missing leading) axes to reach `shape`, numpy style. */
export function broadcastTo(x: TensorLike, shape: Shape): Tensor {
  const t = toTensor(x);
  if (shapesEqual(t.shape, shape)) return t;
  return applyOp(broadcastToOp, [t], { shape: [...shape] });
}
