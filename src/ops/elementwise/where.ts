import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { broadcastRows } from '../../backends/reference/elementwise.js';
import { binaryOperands } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { broadcastAll } from './common.js';
import type { NoAttrs } from '../define.js';
import { castTo } from './onnx-lowering.js';

/**
 * Picks a where cond is true, b elsewhere; the three operands broadcast together. The gradient
 * of each branch is g masked to where it was picked (none flows to cond).
 */
export const whereOp = defineOp<NoAttrs>({
  name: 'where',
  infer: ([c, a, b]) => {
    if (c!.dtype !== 'bool') {
      throw new OpError('where', `cond must be a bool tensor (use a comparison or cast(x, 'bool')). Received: dtype=${c!.dtype}`);
    }
    if (a!.dtype !== b!.dtype) {
      throw new OpError('where', `a and b must have the same dtype. Received: ${a!.dtype} and ${b!.dtype}`);
    }
    return { shape: broadcastAll('where', [c!.shape, a!.shape, b!.shape]), dtype: a!.dtype };
  },
  kernel: ([c, a, b], _attrs, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    const n = res.length;
    const cd = c!.data;
    const ad = a!.data;
    const bd = b!.data;
    if (n === 0) return res;
    if (cd.length === n && ad.length === n && bd.length === n) {
      for (let i = 0; i < n; i++) res[i] = cd[i] ? ad[i]! : bd[i]!;
      return res;
    }
    // Broadcast: per output row, each operand's start offset; along the row a constant stride.
    const { rows, inner, innerStrides } = broadcastRows([c!.shape, a!.shape, b!.shape], out.shape);
    const [rc, ra, rb] = rows as [Int32Array, Int32Array, Int32Array];
    const [sc, sa, sb] = innerStrides as [number, number, number];
    let o = 0;
    for (let r = 0; r < rc.length; r++) {
      let ic = rc[r]!;
      let ia = ra[r]!;
      let ib = rb[r]!;
      for (let j = 0; j < inner; j++, ic += sc, ia += sa, ib += sb) res[o++] = cd[ic] ? ad[ia]! : bd[ib]!;
    }
    return res;
  },
  vjp: (g, [c, a, b]) => [null, sumToShape(where(c!, g, 0), a!.shape), sumToShape(where(c!, 0, g), b!.shape)],
  onnx: (ctx, [c, a, b], _attrs, [, am]) => {
    if (am!.dtype !== 'bool') return ctx.node('Where', [c!, a!, b!]);
    // ONNX Runtime's Where has no bool kernel: select among int32 copies.
    const picked = ctx.node('Where', [c!, castTo(ctx, a!, 'bool', 'int32'), castTo(ctx, b!, 'bool', 'int32')]);
    return castTo(ctx, picked, 'int32', 'bool');
  },
});

/** `cond ? a : b` elementwise. a and b may be JS numbers (they take the other branch's dtype). */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  return applyOp(whereOp, [toTensor(cond), x, y], {});
}
