import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp, type OpDef, type TensorMeta } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { im2col, positions } from '../../backends/reference/im2col.js';
import { checkWindowAttrs, geom3, resolvePadding, spatialRank, tuple, windowOutputShape, type PaddingArg, type WindowAttrs } from './geometry.js';
import { gatherPatches } from './onnx-lowering.js';
import { patchesToImageOp } from './patches-to-image.js';

export interface ExtractPatchesAttrs extends WindowAttrs {
  /**
   * Value of the window cells that fall in the padding. Max pooling's gradient uses -Infinity
   * (a structural hash of attrs must not JSON.stringify it to null).
   */
  padValue: number;
}

function infer([x]: readonly TensorMeta[], a: ExtractPatchesAttrs): TensorMeta {
  const r = spatialRank('extractPatches', x!);
  checkWindowAttrs('extractPatches', a, r);
  if (typeof a.padValue !== 'number' || Number.isNaN(a.padValue)) {
    throw new OpError('extractPatches', `padValue must be a number. Received: padValue=${String(a.padValue)}`);
  }
  const grid = windowOutputShape('extractPatches', x!.shape.slice(1, 1 + r), a);
  return { shape: [x!.shape[0]!, ...grid, ...a.kernelSize, x!.shape[r + 1]!], dtype: x!.dtype };
}

/**
 * im2col: every window of x [N, spatial..., C] as [N, positions..., window..., C]. The VJP is its
 * adjoint, patchesToImage (col2im), and patchesToImage's VJP is this op.
 */
export const extractPatchesOp: OpDef<ExtractPatchesAttrs> = defineOp<ExtractPatchesAttrs>({
  name: 'extractPatches',
  infer,
  kernel: ([x], a, out) => {
    const r = a.kernelSize.length;
    const g = geom3(x!.shape, out.shape.slice(1, 1 + r), a);
    const res = allocate(out.dtype, sizeOf(out.shape));
    im2col(x!.data, g, res, 0, positions(g), 0, g.c, a.padValue);
    return res;
  },
  vjp: (g, [x], _y, a) => [
    applyOp(patchesToImageOp, [g], { kernelSize: a.kernelSize, strides: a.strides, dilations: a.dilations, padding: a.padding, imageShape: x!.shape.slice(1, -1) }),
  ],
  onnx: (ctx, [x], a, [xm], out) =>
    gatherPatches(ctx, x!, xm!.shape, xm!.dtype, out.shape.slice(1, 1 + a.kernelSize.length), a, a.padValue),
});

export interface ExtractPatchesOptions {
  kernelSize: number | readonly number[];
  strides?: number | readonly number[];
  dilations?: number | readonly number[];
  padding?: PaddingArg;
  padValue?: number;
}

/**
 * The sliding windows of a channels-last tensor x [N, spatial..., C] (1 to 3 spatial axes):
 * returns [N, positions..., kernel..., C] (reshape to [N, positions..., k·C] for tf's layout).
 */
export function extractPatches(x: TensorLike, opts: ExtractPatchesOptions): Tensor {
  const t = toTensor(x);
  const r = spatialRank('extractPatches', t);
  const kernelSize = tuple('extractPatches', 'kernelSize', opts.kernelSize, r, 1);
  const strides = tuple('extractPatches', 'strides', opts.strides, r, 1);
  const dilations = tuple('extractPatches', 'dilations', opts.dilations, r, 1);
  const padding = resolvePadding('extractPatches', opts.padding, t.shape.slice(1, -1), kernelSize, strides, dilations);
  return applyOp(extractPatchesOp, [t], { kernelSize, strides, dilations, padding, padValue: opts.padValue ?? 0 });
}
