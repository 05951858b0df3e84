import { allocate, castScalar, isDType, type DType } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { checkIndexDtype, toIndices } from './common.js';
import { castTo } from '../reduce/onnx-lowering.js';

export interface OneHotOptions {
  onValue?: number;
  offValue?: number;
  dtype?: DType;
}

export const oneHotOp = defineOp<{ depth: number; onValue: number; offValue: number; dtype: DType }>({
  name: 'oneHot',
  infer: ([indices], { depth, dtype }): TensorMeta => {
    checkIndexDtype('oneHot', indices!);
    if (!Number.isInteger(depth) || depth < 1) throw new OpError('oneHot', `depth must be a positive integer. Received: depth=${depth}`);
    if (!isDType(dtype)) throw new OpError('oneHot', `dtype must be one of float32, float64, int32, int64, bool. Received: dtype=${String(dtype)}`);
    return { shape: [...indices!.shape, depth], dtype };
  },
  kernel: ([indices], { depth, onValue, offValue }, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    const on = castScalar(onValue, out.dtype);
    const off = castScalar(offValue, out.dtype);
    if (off !== 0) res.fill(off);
    const idx = indices!.data;
    for (let i = 0; i < idx.length; i++) {
      const v = idx[i]!;
      if (v >= 0 && v < depth) res[i * depth + v] = on;
    }
    return res;
  },
  vjp: 'none',
  /**
   * Equal against 0..depth-1 rather than ONNX OneHot, which would wrap negative indices: here an
   * index outside [0, depth) matches nothing. ONNX Runtime's Where takes no bools: those go
   * through int32.
   */
  onnx: (ctx, [indices], { depth, onValue, offValue }, [im], out) => {
    const d = im!.dtype;
    const classes = ctx.constant(Array.from({ length: depth }, (_, i) => i), [depth], d);
    const hit = ctx.node('Equal', [ctx.node('Unsqueeze', [indices!, ctx.ints([-1])]), classes]);
    const vd = out.dtype === 'bool' ? 'int32' : out.dtype;
    const on = ctx.constant([castScalar(onValue, out.dtype)], [], vd);
    const off = ctx.constant([castScalar(offValue, out.dtype)], [], vd);
    return castTo(ctx, ctx.node('Where', [hit, on, off]), vd, out.dtype);
  },
});

/**
 * One-hot encoding: appends an axis of `depth`, `onValue` at each index and `offValue` elsewhere.
 * Indices outside [0, depth) give an all-`offValue` row (like tf.oneHot: -1 marks "no class").
 */
export function oneHot(indices: TensorLike, depth: number, opts: OneHotOptions = {}): Tensor {
  return applyOp(oneHotOp, [toIndices(indices)], {
    depth,
    onValue: opts.onValue ?? 1,
    offValue: opts.offValue ?? 0,
    dtype: opts.dtype ?? 'float32',
  });
}
