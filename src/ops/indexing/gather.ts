import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { normalizeAxis, sizeOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { checkIndexDtype, resolveIndex, toIndices } from './common.js';
import { gatherTranspose } from './gather-transpose.js';

/** Shared by gather and its adjoint: x = [outer, n, inner] around `axis`. */
export function splitAround(shape: readonly number[], axis: number, span = 1): { outer: number; inner: number } {
  return { outer: sizeOf(shape.slice(0, axis)), inner: sizeOf(shape.slice(axis + span)) };
}

export const gatherOp = defineOp<{ axis: number }>({
  name: 'gather',
  infer: ([x, indices], { axis }): TensorMeta => {
    checkIndexDtype('gather', indices!);
    const r = x!.shape.length;
    if (r === 0) throw new OpError('gather', 'cannot gather from a scalar. Received: shape=[]');
    if (!Number.isInteger(axis) || axis < 0 || axis >= r) {
      throw new OpError('gather', `axis must be in [0, ${r - 1}] for ${fmtShape(x!.shape)}. Received: axis=${axis}`);
    }
    return { shape: [...x!.shape.slice(0, axis), ...indices!.shape, ...x!.shape.slice(axis + 1)], dtype: x!.dtype };
  },
  kernel: ([x, indices], { axis }, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    const n = x!.shape[axis]!;
    const { outer, inner } = splitAround(x!.shape, axis);
    const idx = indices!.data;
    const k = idx.length;
    const rows = new Int32Array(k);
    for (let j = 0; j < k; j++) rows[j] = resolveIndex('gather', idx[j]!, n, axis);
    const d = x!.data;
    // out[o, j, :] = x[o, idx[j], :]: whole rows of `inner` contiguous values.
    for (let o = 0, dst = 0; o < outer; o++) {
      const base = o * n * inner;
      for (let j = 0; j < k; j++, dst += inner) {
        const src = base + rows[j]! * inner;
        if (inner === 1) res[dst] = d[src]!;
        else res.set(d.subarray(src, src + inner), dst);
      }
    }
    return res;
  },
  vjp: (g, [x, indices], _y, { axis }) => [gatherTranspose(g, indices!, axis, x!.shape[axis]!), null],
  // Same semantics, negative indices included; an out-of-range index fails the run in ONNX Runtime too.
  onnx: (ctx, [x, indices], { axis }) => ctx.node('Gather', [x!, indices!], { axis }),
});

/**
 * ONNX Gather: picks entries of `x` along `axis` at `indices` (int32/int64, negative counts from
 * the end). Output shape: x.shape[:axis] + indices.shape + x.shape[axis+1:].
 */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  const t = toTensor(x);
  const idx = toIndices(indices);
  if (t.rank === 0) throw new OpError('gather', 'cannot gather from a scalar. Received: shape=[]');
  return applyOp(gatherOp, [t, idx], { axis: normalizeAxis('gather', axis, t.rank) });
}
