import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { defineOp, type OpDef } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { ONNX_DTYPE } from '../../backends/onnxruntime/model-builder.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { cast } from '../elementwise/cast.js';
import { div } from '../elementwise/div.js';
import { equal } from '../elementwise/equal.js';
import { mul } from '../elementwise/mul.js';
import { sum } from '../reduce/sum.js';
import { pad } from '../shape/pad.js';
import { reduceNode } from '../reduce/onnx-lowering.js';
import { reshape } from '../shape/reshape.js';
import { slice } from '../shape/slice.js';
import { extractPatchesOp } from './extract-patches.js';
import { channelsFirst, channelsLast, gatherPatches, windowOnnxAttrs } from './onnx-lowering.js';
import { patchesToImageOp } from './patches-to-image.js';
import { forEachWindow, inferPool, poolAttrs, poolGeom, poolWindow, type PoolAttrs, type PoolOptions } from './pool-common.js';

/**
 * The max-pool gradient for windows that tile the image (stride = pool size, no padding: the
 * common case), with the same tie rule as the general path — the cotangent is split evenly
 * between the cells equal to their window's maximum — but without extracting patches: the image
 * is only reshaped to [N, g0, k0, g1, k1, …, C], so every step is a broadcast elementwise op or
 * a reduction over the k axes. Cells a 'valid' pooling leaves out (the remainder) get zero.
 */
function tiledMaxPoolGrad(g: Tensor, x: Tensor, y: Tensor, k: readonly number[]): Tensor {
  const r = k.length;
  const n = x.shape[0]!;
  const c = x.shape[r + 1]!;
  const grid = y.shape.slice(1, 1 + r);
  const covered = grid.map((d, i) => d * k[i]!);
  const spatial = x.shape.slice(1, 1 + r);
  const trimmed = covered.every((d, i) => d === spatial[i]) ? x : slice(x, 0, [n, ...covered, c]);
  const tiles = [n, ...grid.flatMap((d, i) => [d, k[i]!]), c];
  const perTile = [n, ...grid.flatMap((d) => [d, 1]), c];
  const mask = cast(equal(reshape(trimmed, tiles), reshape(y, perTile)), g.dtype);
  const windowAxes = Array.from({ length: r }, (_, i) => 2 + 2 * i);
  const share = div(reshape(g, perTile), sum(mask, windowAxes, true));
  const dx = reshape(mul(mask, share), [n, ...covered, c]);
  if (trimmed === x) return dx;
  return pad(dx, [[0, 0], ...covered.map((d, i) => [0, spatial[i]! - d] as const), [0, 0]]);
}

/** ONNX's UINT8 element type (not a Tessera dtype; only for the NaN mask below). */
const ONNX_UINT8 = 2;

/**
 * Max pooling over 1 to 3 spatial axes, channels-last. Padded cells never win (as if -∞).
 * Gradient: each window's cotangent goes to the cells equal to its maximum, split evenly
 * between tied cells (as the max reduction does).
 */
export const maxPoolOp: OpDef<PoolAttrs> = defineOp<PoolAttrs>({
  name: 'maxPool',
  infer: ([x], a) => ({ shape: inferPool('maxPool', x!, a), dtype: x!.dtype }),
  kernel: ([x], a, out) => {
    const g = poolGeom(x!.shape, out.shape, a);
    const c = g.c;
    const d = x!.data;
    const res = allocate(out.dtype, sizeOf(out.shape));
    forEachWindow(g, (o, cells, count) => {
      const first = cells[0]!;
      for (let j = 0; j < c; j++) res[o + j] = d[first + j]!;
      for (let q = 1; q < count; q++) {
        const src = cells[q]!;
        for (let j = 0; j < c; j++) {
          const v = d[src + j]!;
          // NaN propagates, as in numpy's max.
          if (v > res[o + j]! || v !== v) res[o + j] = v;
        }
      }
    });
    return res;
  },
  vjp: (g, [x], y, a) => {
    const r = a.poolSize.length;
    if (a.strides.every((s, i) => s === a.poolSize[i]) && a.padding.every((p) => p[0] === 0 && p[1] === 0)) {
      return [tiledMaxPoolGrad(g, x!, y, a.poolSize)];
    }
    const window = poolWindow(a);
    const patches = applyOp(extractPatchesOp, [x!], { ...window, padValue: -Infinity });
    const ones = new Array<number>(r).fill(1);
    const kept = (t: Tensor): Tensor => reshape(t, [t.shape[0]!, ...t.shape.slice(1, 1 + r), ...ones, t.shape[r + 1]!]);
    const mask = cast(equal(patches, kept(y)), g.dtype);
    const windowAxes = Array.from({ length: r }, (_, i) => 1 + r + i);
    // Divide the (window-sized times smaller) cotangent by the tie count, then spread it.
    const share = div(kept(g), sum(mask, windowAxes, true));
    const dp = mul(mask, share);
    return [applyOp(patchesToImageOp, [dp], { ...window, imageShape: x!.shape.slice(1, 1 + r) })];
  },
  onnx: (ctx, [x], a, [xm], out) => {
    const r = a.poolSize.length;
    const window = poolWindow(a);
    const dtype = xm!.dtype;
    if (dtype !== 'float32' && dtype !== 'float64') {
      // ORT's MaxPool is float-only; integers reduce their patches (padding = the lowest value),
      // booleans as int32.
      const wide = dtype === 'bool' ? 'int32' : dtype;
      const src = dtype === 'bool' ? ctx.node('Cast', [x!], { to: ONNX_DTYPE.int32 }) : x!;
      const lowest = wide === 'int32' ? -(2 ** 31) : -(2 ** 63);
      const patches = gatherPatches(ctx, src, xm!.shape, wide, out.shape.slice(1, 1 + r), window, lowest);
      const axes = Array.from({ length: r }, (_, i) => 1 + r + i);
      const y = reduceNode(ctx, 'ReduceMax', patches, axes, false);
      return dtype === 'bool' ? ctx.node('Cast', [y], { to: ONNX_DTYPE.bool }) : y;
    }
    const { kernel_shape, strides, pads } = windowOnnxAttrs(window);
    const y = channelsLast(ctx, ctx.node('MaxPool', [channelsFirst(ctx, x!, r)], { kernel_shape, strides, pads }), r);
    // ORT's MaxPool keeps a NaN only when it comes last in the window; the reference propagates
    // any NaN, so flag the windows holding one: a max pool of the NaN mask as uint8 (ORT pools
    // uint8 channels-last, and x's own transpose stays fused into MaxPool's NCHWc reorder).
    const mask = channelsFirst(ctx, ctx.node('Cast', [ctx.node('IsNaN', [x!])], { to: ONNX_UINT8 }), r);
    const nan = ctx.node('Cast', [channelsLast(ctx, ctx.node('MaxPool', [mask], { kernel_shape, strides, pads }), r)], { to: ONNX_DTYPE.bool });
    return ctx.node('Where', [nan, ctx.constant([NaN], [], dtype), y]);
  },
});

/** Max pooling of x [N, spatial..., C] (1 to 3 spatial axes). */
export function maxPool(x: TensorLike, opts: PoolOptions = {}): Tensor {
  const t = toTensor(x);
  return applyOp(maxPoolOp, [t], poolAttrs('maxPool', t, opts));
}

export function maxPool1d(x: TensorLike, opts: PoolOptions = {}): Tensor {
  const t = toTensor(x);
  return applyOp(maxPoolOp, [t], poolAttrs('maxPool1d', t, opts, 1));
}

export function maxPool2d(x: TensorLike, opts: PoolOptions = {}): Tensor {
  const t = toTensor(x);
  return applyOp(maxPoolOp, [t], poolAttrs('maxPool2d', t, opts, 2));
}

export function maxPool3d(x: TensorLike, opts: PoolOptions = {}): Tensor {
  const t = toTensor(x);
  return applyOp(maxPoolOp, [t], poolAttrs('maxPool3d', t, opts, 3));
}
