import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { normalizeAxis, sizeOf } from '../../core/shape.js';
import { Tensor, toTensor, type TensorLike } from '../../core/tensor.js';
import { sliceAxis } from './slice.js';

export const concatOp = defineOp<{ axis: number }>({
  name: 'concat',
  infer: (xs, { axis }): TensorMeta => {
    const first = xs[0];
    if (!first) throw new OpError('concat', 'needs at least one tensor. Received: []');
    const r = first.shape.length;
    if (r === 0) throw new OpError('concat', 'cannot concatenate scalars (rank 0); use stack. Received: shape=[]');
    if (!Number.isInteger(axis) || axis < 0 || axis >= r) {
      throw new OpError('concat', `axis must be in [0, ${r - 1}]. Received: axis=${axis}`);
    }
    let total = 0;
    for (const x of xs) {
      const sameRest = x.shape.length === r && x.shape.every((d, i) => i === axis || d === first.shape[i]);
      if (!sameRest) {
        throw new OpError('concat', `all shapes must match except along axis ${axis}. Received: ${xs.map((t) => fmtShape(t.shape)).join(', ')}`);
      }
      if (x.dtype !== first.dtype) {
        throw new OpError('concat', `all inputs must have the same dtype. Received: ${xs.map((t) => t.dtype).join(', ')}`);
      }
      total += x.shape[axis]!;
    }
    const shape = [...first.shape];
    shape[axis] = total;
    return { shape, dtype: first.dtype };
  },
  kernel: (xs, { axis }, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    const inner = sizeOf(out.shape.slice(axis + 1));
    const outer = sizeOf(out.shape.slice(0, axis));
    const outChunk = out.shape[axis]! * inner;
    let offset = 0;
    // Each input contributes one contiguous chunk per outer index: copy chunks whole.
    for (const x of xs) {
      const chunk = x.shape[axis]! * inner;
      for (let o = 0; o < outer; o++) res.set(x.data.subarray(o * chunk, (o + 1) * chunk), o * outChunk + offset);
      offset += chunk;
    }
    return res;
  },
  vjp: (g, xs, _y, { axis }) => {
    let start = 0;
    return xs.map((x) => {
      const n = x.shape[axis]!;
      const part = sliceAxis(g, axis, start, start + n);
      start += n;
      return part;
    });
  },  // Zero-size parts are left out: ORT's Concat accepts them, but they add nothing.
  onnx: (ctx, xs, { axis }, metas) => {
    const parts = xs.filter((_, i) => metas[i]!.shape[axis] !== 0);
    return parts.length === 1 ? ctx.node('Identity', parts) : ctx.node('Concat', parts.length ? parts : [xs[0]!], { axis });
  },
});

/** Joins tensors along an existing axis; shapes must agree elsewhere, dtypes must be equal. */
export function concat(xs: readonly TensorLike[], axis = 0): Tensor {
  if (xs.length === 0) throw new OpError('concat', 'needs at least one tensor. Received: []');
  const like = xs.find((x): x is Tensor => x instanceof Tensor)?.dtype;
  const ts = xs.map((x) => toTensor(x, like));
  const r = ts[0]!.rank;
  if (r === 0) throw new OpError('concat', 'cannot concatenate scalars (rank 0); use stack. Received: shape=[]');
  const a = normalizeAxis('concat', axis, r);
  if (ts.length === 1) return ts[0]!;
  return applyOp(concatOp, ts, { axis: a });
}
