/**
 * `sliceTranspose`: the adjoint of `slice`. Places `g` (shaped like the slice) at the sliced
 * positions of a zero tensor of the original shape; its own VJP is the slice again.
 */
import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp } from '../../core/op.js';
import { shapesEqual, sizeOf, type Shape } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { sliceOp, sliceRows, slicedShape, type SliceAttrs } from './slice.js';
import { lowerSliceTranspose } from './onnx-lowering.js';

interface SliceTransposeAttrs extends SliceAttrs {
  /** Shape of the tensor that was sliced (the output's shape). */
  shape: readonly number[];
}

export const sliceTransposeOp = defineOp<SliceTransposeAttrs>({
  name: 'sliceTranspose',
  infer: ([g], attrs) => {
    const expected = slicedShape('sliceTranspose', attrs.shape, attrs);
    if (!shapesEqual(expected, g!.shape)) {
      throw new OpError('sliceTranspose', `the gradient must have the slice's shape ${fmtShape(expected)}. Received: ${fmtShape(g!.shape)}`);
    }
    return { shape: attrs.shape, dtype: g!.dtype };
  },
  kernel: ([g], attrs, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    if (g!.data.length === 0) return res;
    const d = g!.data;
    const { offsets, inner, innerStride } = sliceRows(out.shape, g!.shape, attrs);
    // A slice never reads one position twice (strides are non-zero), so plain stores suffice.
    for (let r = 0, o = 0; r < offsets.length; r++, o += inner) {
      const off = offsets[r]!;
      for (let j = 0; j < inner; j++) res[off + j * innerStride] = d[o + j]!;
    }
    return res;
  },
  vjp: (g, _inputs, _y, { begin, end, strides }) => [applyOp(sliceOp, [g], { begin, end, strides })],
  onnx: (ctx, [g], { begin, strides, shape }, [gm], out) => lowerSliceTranspose(ctx, g!, gm!.shape, out.dtype, shape, begin, strides),
});

/** Scatters `g` into zeros of `shape` at the positions the (normalised) slice `attrs` reads. */
export function sliceTranspose(g: Tensor, shape: Shape, attrs: SliceAttrs): Tensor {
  return applyOp(sliceTransposeOp, [g], { begin: [...attrs.begin], end: [...attrs.end], strides: [...attrs.strides], shape: [...shape] });
}
