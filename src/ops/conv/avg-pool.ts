import { allocate, isFloat } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp, type OpDef, type AttrValue } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { tensor, toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import type { Geom3 } from '../../backends/reference/im2col.js';
import { mul } from '../elementwise/mul.js';
import { broadcastTo } from '../shape/broadcast-to.js';
import { reshape } from '../shape/reshape.js';
import { ONNX_DTYPE } from '../../backends/onnxruntime/model-builder.js';
import { channelsFirst, channelsLast, gatherPatches, windowOnnxAttrs } from './onnx-lowering.js';
import { patchesToImageOp } from './patches-to-image.js';
import { forEachWindow, inferPool, poolAttrs, poolGeom, poolWindow, type PoolAttrs, type PoolOptions } from './pool-common.js';

export interface AvgPoolAttrs extends PoolAttrs {
  [key: string]: AttrValue;
  /** false (Keras, TF): padded cells are left out of the mean; true: they count as zeros. */
  countIncludePad: boolean;
}

/** 1 / (cells averaged) for each window position of the grid, in the 3-D geometry's order. */
function reciprocalCounts(g: Geom3, includePad: boolean): Float64Array {
  const full = 1 / (g.kD * g.kH * g.kW);
  const res = new Float64Array(g.outD * g.outH * g.outW);
  const one: Geom3 = { ...g, n: 1, c: 1 };
  forEachWindow(one, (o, _cells, count) => {
    res[o] = includePad ? full : 1 / count;
  });
  return res;
}

/**
 * Average pooling over 1 to 3 spatial axes, channels-last; integer inputs give float32.
 * By default padded cells are excluded from each mean, as Keras's 'same' pooling does.
 */
export const avgPoolOp: OpDef<AvgPoolAttrs> = defineOp<AvgPoolAttrs>({
  name: 'avgPool',
  infer: ([x], a) => {
    if (typeof a.countIncludePad !== 'boolean') {
      throw new OpError('avgPool', `countIncludePad must be a boolean. Received: countIncludePad=${JSON.stringify(a.countIncludePad)}`);
    }
    return { shape: inferPool('avgPool', x!, a), dtype: isFloat(x!.dtype) ? x!.dtype : 'float32' };
  },
  kernel: ([x], a, out) => {
    const g = poolGeom(x!.shape, out.shape, a);
    const c = g.c;
    const d = x!.data;
    const res = allocate(out.dtype, sizeOf(out.shape));
    const acc = new Float64Array(c);
    const full = g.kD * g.kH * g.kW;
    forEachWindow(g, (o, cells, count) => {
      acc.fill(0);
      for (let q = 0; q < count; q++) {
        const src = cells[q]!;
        for (let j = 0; j < c; j++) acc[j] += d[src + j]!;
      }
      const scale = 1 / (a.countIncludePad ? full : count);
      for (let j = 0; j < c; j++) res[o + j] = acc[j]! * scale;
    });
    return res;
  },
  vjp: (g, [x], _y, a) => {
    const r = a.poolSize.length;
    const window = poolWindow(a);
    const grid = g.shape.slice(1, 1 + r);
    const geom = poolGeom(x!.shape, g.shape, a);
    const ones = new Array<number>(r).fill(1);
    // The per-position weights are geometry only: a constant in the gradient's dtype.
    const weights = tensor(reciprocalCounts(geom, a.countIncludePad), [1, ...grid, 1], g.dtype);
    const scaled = reshape(mul(g, weights), [g.shape[0]!, ...grid, ...ones, g.shape[r + 1]!]);
    const dp = broadcastTo(scaled, [g.shape[0]!, ...grid, ...a.poolSize, g.shape[r + 1]!]);
    return [applyOp(patchesToImageOp, [dp], { ...window, imageShape: x!.shape.slice(1, 1 + r) })];
  },
  onnx: (ctx, [x], a, [xm], out) => {
    const r = a.poolSize.length;
    const window = poolWindow(a);
    const grid = out.shape.slice(1, 1 + r);
    if (out.dtype === 'float64') {
      // ORT's AveragePool is float32-only: sum the patches, scale by each window's 1/count.
      const patches = gatherPatches(ctx, x!, xm!.shape, 'float64', grid, window, 0);
      const sum = ctx.node('ReduceSum', [patches, ctx.ints(Array.from({ length: r }, (_, i) => 1 + r + i))], { keepdims: 0 });
      const geom = poolGeom(xm!.shape, out.shape, a);
      return ctx.node('Mul', [sum, ctx.constant([...reciprocalCounts(geom, a.countIncludePad)], [1, ...grid, 1], 'float64')]);
    }
    // Integers average as float32 (the output dtype).
    const src = xm!.dtype === 'float32' ? x! : ctx.node('Cast', [x!], { to: ONNX_DTYPE.float32 });
    const { kernel_shape, strides, pads } = windowOnnxAttrs(window);
    const y = ctx.node('AveragePool', [channelsFirst(ctx, src, r)], { kernel_shape, strides, pads, count_include_pad: a.countIncludePad ? 1 : 0 });
    return channelsLast(ctx, y, r);
  },
});

export interface AvgPoolOptions extends PoolOptions {
  /** Count padded cells as zeros in the mean (PyTorch's default); default false (Keras). */
  countIncludePad?: boolean;
}

function avgPoolWith(op: string, x: TensorLike, opts: AvgPoolOptions, rank?: number): Tensor {
  const t = toTensor(x);
  return applyOp(avgPoolOp, [t], { ...poolAttrs(op, t, opts, rank), countIncludePad: opts.countIncludePad ?? false });
}

/** Average pooling of x [N, spatial..., C] (1 to 3 spatial axes). */
export function avgPool(x: TensorLike, opts: AvgPoolOptions = {}): Tensor {
  return avgPoolWith('avgPool', x, opts);
}

export function avgPool1d(x: TensorLike, opts: AvgPoolOptions = {}): Tensor {
  return avgPoolWith('avgPool1d', x, opts, 1);
}

export function avgPool2d(x: TensorLike, opts: AvgPoolOptions = {}): Tensor {
  return avgPoolWith('avgPool2d', x, opts, 2);
}

export function avgPool3d(x: TensorLike, opts: AvgPoolOptions = {}): Tensor {
  return avgPoolWith('avgPool3d', x, opts, 3);
}
