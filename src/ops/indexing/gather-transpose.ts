/**
 * `gatherTranspose`: the adjoint of `gather`. Sums rows of `g` into zeros of the gathered
 * tensor's shape at `indices` (repeated indices accumulate); its VJP is gather again.
 */
import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { shapesEqual, sizeOf } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { checkIndexDtype, resolveIndex } from './common.js';
import { gather, splitAround } from './gather.js';
import { emptyOutput } from '../reduce/onnx-lowering.js';

export const gatherTransposeOp = defineOp<{ axis: number; size: number }>({
  name: 'gatherTranspose',
  infer: ([g, indices], { axis, size }): TensorMeta => {
    checkIndexDtype('gatherTranspose', indices!);
    const q = indices!.shape.length;
    const idxPart = g!.shape.slice(axis, axis + q);
    if (!Number.isInteger(axis) || axis < 0 || g!.shape.length < axis + q || !shapesEqual(idxPart, indices!.shape)) {
      throw new OpError('gatherTranspose', `the gradient must hold the indices' shape ${fmtShape(indices!.shape)} at axis ${axis}. Received: ${fmtShape(g!.shape)}`);
    }
    if (!Number.isInteger(size) || size < 0) {
      throw new OpError('gatherTranspose', `size must be a non-negative integer. Received: size=${size}`);
    }
    return { shape: [...g!.shape.slice(0, axis), size, ...g!.shape.slice(axis + q)], dtype: g!.dtype };
  },
  kernel: ([g, indices], { axis, size }, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    const { outer, inner } = splitAround(out.shape, axis);
    const idx = indices!.data;
    const k = idx.length;
    const rows = new Int32Array(k);
    for (let j = 0; j < k; j++) rows[j] = resolveIndex('gatherTranspose', idx[j]!, size, axis);
    const d = g!.data;
    for (let o = 0, src = 0; o < outer; o++) {
      const base = o * size * inner;
      for (let j = 0; j < k; j++, src += inner) {
        const dst = base + rows[j]! * inner;
        for (let i = 0; i < inner; i++) res[dst + i]! += d[src + i]!;
      }
    }
    return res;
  },
  vjp: (g, [, indices], _y, { axis }) => [gather(g, indices!, axis), null],
  /**
   * As [outer, k, inner] (k = number of indices), this is ScatterElements with reduction 'add'
   * along axis 1 into zeros of [outer, size, inner], the indices expanded to g's shape: repeated
   * indices accumulate. Out-of-range indices fail the run, as the kernel throws.
   */
  onnx: (ctx, [g, indices], { axis, size }, [gm, im], out) => {
    const empty = emptyOutput(ctx, out);
    if (empty) return empty;
    const k = sizeOf(im!.shape);
    const { outer, inner } = splitAround(gm!.shape, axis, im!.shape.length);
    const g3 = ctx.node('Reshape', [g!, ctx.ints([outer, k, inner])], { allowzero: 1 });
    const idx = ctx.node('Expand', [ctx.node('Reshape', [indices!, ctx.ints([1, k, 1])], { allowzero: 1 }), ctx.ints([outer, k, inner])]);
    const zeros = ctx.node('Expand', [ctx.constant([0], [], out.dtype), ctx.ints([outer, size, inner])]);
    const sums = ctx.node('ScatterElements', [zeros, idx, g3], { axis: 1, reduction: 'add' });
    return ctx.node('Reshape', [sums, ctx.ints(out.shape)], { allowzero: 1 });
  },
});

/** Adjoint of gather(x, indices, axis) for an x whose `axis` has `size` entries. */
export function gatherTranspose(g: Tensor, indices: Tensor, axis: number, size: number): Tensor {
  return applyOp(gatherTransposeOp, [g, indices], { axis, size });
}
