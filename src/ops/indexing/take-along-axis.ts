import { allocate } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import { applyOp } from '../../core/engine.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { normalizeAxis, sizeOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { resolveIndex, toIndices, zerosOf } from './common.js';
import { checkElements, elementRows } from './elements.js';
import { scatterAdd } from './scatter-add.js';

export const takeAlongAxisOp = defineOp<{ axis: number; negativeIndices: boolean }>({
  name: 'takeAlongAxis',
  infer: ([x, indices], { axis }): TensorMeta => {
    checkElements('takeAlongAxis', x!, indices!, axis);
    return { shape: indices!.shape, dtype: x!.dtype };
  },
  kernel: ([x, indices], { axis, negativeIndices }, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    if (res.length === 0) return res;
    const n = x!.shape[axis]!;
    const { offsets, inner, innerStride, axisStride } = elementRows(x!, indices!, axis);
    const d = x!.data;
    const idx = indices!.data;
    if (!negativeIndices) {
      for (let i = 0; i < idx.length; i++) {
        if (idx[i]! < 0) throw new OpError('takeAlongAxis', `indices must be in [0, ${n - 1}] here (negative indices are disabled). Received: ${idx[i]} at position ${i}`);
      }
    }
    for (let r = 0, p = 0; r < offsets.length; r++) {
      const off = offsets[r]!;
      for (let j = 0; j < inner; j++, p++) {
        res[p] = d[off + j * innerStride + resolveIndex('takeAlongAxis', idx[p]!, n, axis) * axisStride]!;
      }
    }
    return res;
  },
  vjp: (g, [x, indices], _y, { axis }) => [scatterAdd(zerosOf(x!.shape, g.dtype), indices!, g, axis), null],
  /**
   * GatherElements fails the run on an out-of-range index, as the kernel throws. It would wrap a
   * negative one, so with negativeIndices off those are first sent out of range (to n): the run
   * then fails too, though ONNX Runtime's message names no index.
   */
  onnx: (ctx, [x, indices], { axis, negativeIndices }, [xm, im]) => {
    let idx = indices!;
    if (!negativeIndices) {
      const d = im!.dtype;
      idx = ctx.node('Where', [ctx.node('Less', [idx, ctx.constant([0], [], d)]), ctx.constant([xm!.shape[axis]!], [], d), idx]);
    }
    return ctx.node('GatherElements', [x!, idx], { axis });
  },
});

/**
 * ONNX GatherElements (numpy take_along_axis without broadcasting): out[p] = x[p with p[axis]
 * replaced by indices[p]]. `indices` has x's rank; off the axis its dimensions may be smaller.
 * Negative indices count from the end unless `negativeIndices: false` (then they are an error:
 * class labels, where -1 must never silently mean the last class).
 */
export function takeAlongAxis(x: TensorLike, indices: TensorLike, axis: number, opts: { negativeIndices?: boolean } = {}): Tensor {
  const t = toTensor(x);
  const idx = toIndices(indices);
  return applyOp(takeAlongAxisOp, [t, idx], { axis: normalizeAxis('takeAlongAxis', axis, t.rank), negativeIndices: opts.negativeIndices ?? true });
}
