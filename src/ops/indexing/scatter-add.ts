import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { normalizeAxis, shapesEqual } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { resolveIndex, toIndices } from './common.js';
import { checkElements, elementRows } from './elements.js';
import { takeAlongAxis } from './take-along-axis.js';

export const scatterAddOp = defineOp<{ axis: number }>({
  name: 'scatterAdd',
  infer: ([x, indices, updates], { axis }): TensorMeta => {
    checkElements('scatterAdd', x!, indices!, axis);
    // Sums of booleans would leave values other than 0 and 1 in a bool tensor (as add refuses too).
    if (x!.dtype === 'bool') throw new OpError('scatterAdd', 'x must be numeric; cast booleans first. Received: dtype=bool');
    if (!shapesEqual(indices!.shape, updates!.shape)) {
      throw new OpError('scatterAdd', `updates must have the shape of indices ${fmtShape(indices!.shape)}. Received: ${fmtShape(updates!.shape)}`);
    }
    if (updates!.dtype !== x!.dtype) {
      throw new OpError('scatterAdd', `updates must have the dtype of x (${x!.dtype}). Received: ${updates!.dtype}`);
    }
    return { shape: x!.shape, dtype: x!.dtype };
  },
  kernel: ([x, indices, updates], { axis }) => {
    const res = x!.data.slice();
    if (updates!.data.length === 0) return res;
    const n = x!.shape[axis]!;
    const { offsets, inner, innerStride, axisStride } = elementRows(x!, indices!, axis);
    const u = updates!.data;
    const idx = indices!.data;
    for (let r = 0, p = 0; r < offsets.length; r++) {
      const off = offsets[r]!;
      for (let j = 0; j < inner; j++, p++) {
        res[off + j * innerStride + resolveIndex('scatterAdd', idx[p]!, n, axis) * axisStride]! += u[p]!;
      }
    }
    return res;
  },
  vjp: (g, [, indices], _y, { axis }) => [g, null, takeAlongAxis(g, indices!, axis)],
  // Same semantics (smaller indices off the axis included); out-of-range indices fail the run.
  onnx: (ctx, [x, indices, updates], { axis }) => ctx.node('ScatterElements', [x!, indices!, updates!], { axis, reduction: 'add' }),
});

/**
 * ONNX ScatterElements with reduction 'add': out = x, then out[p with p[axis] replaced by
 * indices[p]] += updates[p] for every position p of indices (repeated targets accumulate).
 */
export function scatterAdd(x: TensorLike, indices: TensorLike, updates: TensorLike, axis: number): Tensor {
  const t = toTensor(x);
  const idx = toIndices(indices);
  const u = toTensor(updates, t.dtype);
  return applyOp(scatterAddOp, [t, idx, u], { axis: normalizeAxis('scatterAdd', axis, t.rank) });
}
