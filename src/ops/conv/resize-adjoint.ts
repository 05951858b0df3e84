import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { defineOp, type OpDef, type TensorMeta } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { resizeDtype, resizeOp } from './resize.js';
import { ONNX_DTYPE } from '../../backends/onnxruntime/model-builder.js';
import { adjointTerms, checkResizeAttrs, lowerTerms, resizeAxisAdjoint, resizeTaps, separable, type ResizeAttrs, type ResizeMethod } from './resize-taps.js';

/**
 * The adjoint (transpose) of resize: maps a cotangent [N, resized..., C] back onto the original
 * spatial `size`, each value added to the input cells it was interpolated from.
 */
export const resizeAdjointOp: OpDef<ResizeAttrs> = defineOp<ResizeAttrs>({
  name: 'resizeAdjoint',
  infer: ([g], a): TensorMeta => {
    const r = checkResizeAttrs('resizeAdjoint', g!, a);
    return { shape: [g!.shape[0]!, ...a.size, g!.shape[r + 1]!], dtype: resizeDtype(g!.dtype, a.method) };
  },
  kernel: ([g], a, out) => {
    const src = Float64Array.from(g!.data);
    const buf = separable(src, g!.shape, a.size, (s, pre, outLen, post, ax) => resizeAxisAdjoint(s, pre, a.size[ax]!, post, resizeTaps(a.size[ax]!, outLen, a)));
    const res = allocate(out.dtype, sizeOf(out.shape));
    res.set(buf);
    return res;
  },
  vjp: (g, [y], _out, a) => [applyOp(resizeOp, [g], { ...a, size: y!.shape.slice(1, -1) })],
  onnx: (ctx, [g], a, [gm], out) => {
    let cur = out.dtype === gm!.dtype ? g! : ctx.node('Cast', [g!], { to: ONNX_DTYPE[out.dtype] });
    const shape = [...gm!.shape];
    a.size.forEach((to, i) => {
      const from = shape[1 + i]!;
      if (from === to) return;
      cur = lowerTerms(ctx, cur, shape, out.dtype, 1 + i, adjointTerms(from, to, resizeTaps(to, from, a)));
      shape[1 + i] = to;
    });
    return cur === g! ? ctx.node('Identity', [g!]) : cur;
  },
});

/** The adjoint of `resize(·, resized spatial shape of g, opts)`: g [N, resized..., C] → [N, size..., C]. */
export function resizeAdjoint(
  g: TensorLike, size: readonly number[],
  opts: { method?: ResizeMethod; alignCorners?: boolean; halfPixelCenters?: boolean } = {},
): Tensor {
  const alignCorners = opts.alignCorners ?? false;
  return applyOp(resizeAdjointOp, [toTensor(g)], {
    size: [...size], method: opts.method ?? 'bilinear', alignCorners, halfPixelCenters: opts.halfPixelCenters ?? !alignCorners,
  });
}
