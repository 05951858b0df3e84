import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type OpDef, type TensorMeta } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { col2im, positions } from '../../backends/reference/im2col.js';
import { extractPatchesOp } from './extract-patches.js';
import { scatterPatches } from './onnx-lowering.js';
import { checkWindowAttrs, geom3, resolvePadding, tuple, windowOutputShape, type PaddingArg, type WindowAttrs } from './geometry.js';

export interface PatchesToImageAttrs extends WindowAttrs {
  /** Spatial shape of the image the patches are added back into. */
  imageShape: readonly number[];
}

function infer([p]: readonly TensorMeta[], a: PatchesToImageAttrs): TensorMeta {
  const r = a.imageShape.length;
  if (r < 1 || r > 3 || p!.shape.length !== 2 * r + 2) {
    throw new OpError('patchesToImage', `patches must be [N, positions..., kernel..., C] with as many position and kernel axes as image axes (1 to 3). Received: patches ${fmtShape(p!.shape)}, imageShape ${fmtShape(a.imageShape)}`);
  }
  if (p!.dtype === 'bool') throw new OpError('patchesToImage', 'patches must be numeric (cells are summed). Received: dtype bool');
  checkWindowAttrs('patchesToImage', a, r);
  if (a.imageShape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new OpError('patchesToImage', `imageShape must hold positive integers. Received: imageShape=${fmtShape(a.imageShape)}`);
  }
  const grid = windowOutputShape('patchesToImage', a.imageShape, a);
  const expected = [p!.shape[0]!, ...grid, ...a.kernelSize, p!.shape[2 * r + 1]!];
  if (expected.some((d, i) => d !== p!.shape[i])) {
    throw new OpError('patchesToImage', `patches of an image ${fmtShape(a.imageShape)} with this window must have shape ${fmtShape(expected)}. Received: ${fmtShape(p!.shape)}`);
  }
  return { shape: [p!.shape[0]!, ...a.imageShape, p!.shape[2 * r + 1]!], dtype: p!.dtype };
}

/**
 * col2im, the adjoint of extractPatches: adds every window cell back into its pixel of an
 * image [N, imageShape..., C] (overlapping windows sum; cells in the padding are dropped).
 */
export const patchesToImageOp: OpDef<PatchesToImageAttrs> = defineOp<PatchesToImageAttrs>({
  name: 'patchesToImage',
  infer,
  kernel: ([p], a, out) => {
    const r = a.imageShape.length;
    const g = geom3(out.shape, p!.shape.slice(1, 1 + r), a);
    const res = allocate(out.dtype, sizeOf(out.shape));
    col2im(p!.data, g, res, 0, positions(g), 0, g.c);
    return res;
  },
  vjp: (g, _p, _y, a) => [
    applyOp(extractPatchesOp, [g], { kernelSize: a.kernelSize, strides: a.strides, dilations: a.dilations, padding: a.padding, padValue: 0 }),
  ],
  onnx: (ctx, [p], a, [pm]) => scatterPatches(ctx, p!, pm!.shape, a.imageShape, a),
});

export interface PatchesToImageOptions {
  strides?: number | readonly number[];
  dilations?: number | readonly number[];
  padding?: PaddingArg;
}

/**
 * Sums patches [N, positions..., kernel..., C] (as extractPatches makes them) back into an image
 * [N, imageShape..., C]; the window size is read from the patches' shape.
 */
export function patchesToImage(p: TensorLike, imageShape: readonly number[], opts: PatchesToImageOptions = {}): Tensor {
  const t = toTensor(p);
  const r = imageShape.length;
  if (r < 1 || r > 3 || t.rank !== 2 * r + 2) {
    throw new OpError('patchesToImage', `patches must be [N, positions..., kernel..., C] with as many position and kernel axes as image axes (1 to 3). Received: patches ${fmtShape(t.shape)}, imageShape ${fmtShape(imageShape)}`);
  }
  const kernelSize = t.shape.slice(1 + r, 1 + 2 * r);
  const strides = tuple('patchesToImage', 'strides', opts.strides, r, 1);
  const dilations = tuple('patchesToImage', 'dilations', opts.dilations, r, 1);
  const padding = resolvePadding('patchesToImage', opts.padding, imageShape, kernelSize, strides, dilations);
  return applyOp(patchesToImageOp, [t], { kernelSize, strides, dilations, padding, imageShape: [...imageShape] });
}
