import { allocate, isFloat, type DType } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp, type OpDef, type TensorMeta } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { spatialRank } from './geometry.js';
import { resizeAdjointOp } from './resize-adjoint.js';
import { ONNX_DTYPE } from '../../backends/onnxruntime/model-builder.js';
import { checkResizeAttrs, forwardTerms, lowerTerms, resizeAxis, resizeTaps, separable, type ResizeAttrs, type ResizeMethod } from './resize-taps.js';

/** Nearest keeps the dtype; bilinear of integers gives float32 (as tf.image.resize does). */
export function resizeDtype(dtype: DType, method: ResizeMethod): DType {
  return method === 'nearest' || isFloat(dtype) ? dtype : 'float32';
}

/**
 * Resizes the spatial axes of x [N, spatial..., C] to `size` (TF's coordinate rules; separable,
 * so 1D, 2D and 3D alike). Linear in x: its VJP is resizeAdjoint, whose VJP is this op.
 */
export const resizeOp: OpDef<ResizeAttrs> = defineOp<ResizeAttrs>({
  name: 'resize',
  infer: ([x], a): TensorMeta => {
    const r = checkResizeAttrs('resize', x!, a);
    return { shape: [x!.shape[0]!, ...a.size, x!.shape[r + 1]!], dtype: resizeDtype(x!.dtype, a.method) };
  },
  kernel: ([x], a, out) => {
    const src = Float64Array.from(x!.data);
    const buf = separable(src, x!.shape, a.size, (s, pre, inLen, post, ax) => resizeAxis(s, pre, inLen, post, resizeTaps(inLen, a.size[ax]!, a)));
    const res = allocate(out.dtype, sizeOf(out.shape));
    res.set(buf);
    return res;
  },
  vjp: (g, [x], _y, a) => [applyOp(resizeAdjointOp, [g], { ...a, size: x!.shape.slice(1, -1) })],
  // Gathers with the reference's own taps, one spatial axis at a time (exact indices, unlike
  // ONNX Resize's float coordinate rules).
  onnx: (ctx, [x], a, [xm], out) => {
    let cur = out.dtype === xm!.dtype ? x! : ctx.node('Cast', [x!], { to: ONNX_DTYPE[out.dtype] });
    const shape = [...xm!.shape];
    a.size.forEach((to, i) => {
      if (shape[1 + i] === to) return;
      cur = lowerTerms(ctx, cur, shape, out.dtype, 1 + i, forwardTerms(shape[1 + i]!, resizeTaps(shape[1 + i]!, to, a)));
      shape[1 + i] = to;
    });
    return cur === x! ? ctx.node('Identity', [x!]) : cur;
  },
});

export interface ResizeOptions {
  /** Default 'bilinear' (as tf.image.resize). */
  method?: ResizeMethod;
  /** Map the corner pixels onto each other (TF1 / PyTorch align_corners). Default false. */
  alignCorners?: boolean;
  /** Pixel centres at +0.5 (TF2, PyTorch align_corners=false). Default true unless alignCorners. */
  halfPixelCenters?: boolean;
}

/** Resizes images x [N, H, W, C] (also [N, W, C] and [N, D, H, W, C]) to spatial `size`. */
export function resize(x: TensorLike, size: number | readonly number[], opts: ResizeOptions = {}): Tensor {
  const t = toTensor(x);
  const r = spatialRank('resize', t);
  const list = typeof size === 'number' ? new Array<number>(r).fill(size) : [...size];
  if (list.length !== r || list.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new OpError('resize', `size must be a positive integer or ${r} of them (one per spatial axis). Received: size=${JSON.stringify(size)}`);
  }
  const alignCorners = opts.alignCorners ?? false;
  const halfPixelCenters = opts.halfPixelCenters ?? !alignCorners;
  return applyOp(resizeOp, [t], { size: list, method: opts.method ?? 'bilinear', alignCorners, halfPixelCenters });
}
