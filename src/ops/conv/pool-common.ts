/** Shape rule and argument handling shared by maxPool and avgPool. */
import { OpError, fmtShape } from '../../core/errors.js';
import type { AttrValue, TensorMeta } from '../../core/op.js';
import type { Tensor } from '../../core/tensor.js';
import type { Geom3 } from '../../backends/reference/im2col.js';
import { checkWindowAttrs, geom3, resolvePadding, spatialRank, tuple, windowOutputShape, type Pads, type PaddingArg, type WindowAttrs } from './geometry.js';

export interface PoolAttrs {
  [key: string]: AttrValue;
  poolSize: readonly number[];
  strides: readonly number[];
  padding: Pads;
}

export interface PoolOptions {
  /** Window size: a number or one per spatial axis. */
  poolSize?: number | readonly number[];
  /** Default: poolSize (non-overlapping windows), as in Keras. */
  strides?: number | readonly number[];
  /** 'valid' (default), 'same' (TF/Keras rule), a number or [[before, after], ...]. */
  padding?: Exclude<PaddingArg, 'causal'>;
}

/** The pooling window as a sliding-window geometry (pooling has no dilation). */
export function poolWindow(a: PoolAttrs): WindowAttrs {
  return { kernelSize: a.poolSize, strides: a.strides, dilations: a.poolSize.map(() => 1), padding: a.padding };
}

export function inferPool(op: string, x: TensorMeta, a: PoolAttrs): number[] {
  const r = spatialRank(op, x);
  const window = poolWindow(a);
  checkWindowAttrs(op, window, r);
  // Every window must hold at least one real cell (a window all padding has no max or mean).
  if (a.padding.some((p, i) => p[0]! >= a.poolSize[i]! || p[1]! >= a.poolSize[i]!)) {
    throw new OpError(op, `padding must be smaller than the pool size on each axis. Received: poolSize=${fmtShape(a.poolSize)}, padding=${JSON.stringify(a.padding)}`);
  }
  const grid = windowOutputShape(op, x.shape.slice(1, 1 + r), window);
  return [x.shape[0]!, ...grid, x.shape[r + 1]!];
}

/** 3-D geometry of a pooling op from its input and output shapes. */
export function poolGeom(xShape: readonly number[], outShape: readonly number[], a: PoolAttrs): Geom3 {
  return geom3(xShape, outShape.slice(1, -1), poolWindow(a));
}

/** Resolves public pooling options (Keras defaults: poolSize 2, strides = poolSize). */
export function poolAttrs(op: string, x: Tensor, opts: PoolOptions, rank?: number): PoolAttrs {
  const r = spatialRank(op, x, rank);
  const poolSize = tuple(op, 'poolSize', opts.poolSize, r, 2);
  const strides = opts.strides === undefined ? poolSize : tuple(op, 'strides', opts.strides, r, 1);
  if ((opts.padding as string) === 'causal') throw new OpError(op, `padding must be 'valid', 'same', a number or [before, after] pairs. Received: padding='causal'`);
  const padding = resolvePadding(op, opts.padding, x.shape.slice(1, -1), poolSize, strides, poolSize.map(() => 1));
  return { poolSize, strides, padding };
}

/**
 * Calls `visit(o, cells)` for each output position o with the flat input offsets of the start
 * of every real cell of its window (cell offset + channel = input index). The loops of both
 * pooling kernels; windows are clipped to the image so padding is never visited.
 */
export function forEachWindow(g: Geom3, visit: (o: number, cells: Int32Array, count: number) => void): void {
  const { n: batch, c, inD, inH, inW, outD, outH, outW, kD, kH, kW, sD, sH, sW, pD, pH, pW } = g;
  const cells = new Int32Array(kD * kH * kW);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const base = n * inD;
    for (let od = 0; od < outD; od++) {
      const id0 = od * sD - pD;
      const d0 = Math.max(0, id0);
      const d1 = Math.min(inD, id0 + kD);
      for (let oh = 0; oh < outH; oh++) {
        const ih0 = oh * sH - pH;
        const h0 = Math.max(0, ih0);
        const h1 = Math.min(inH, ih0 + kH);
        for (let ow = 0; ow < outW; ow++) {
          const iw0 = ow * sW - pW;
          const w0 = Math.max(0, iw0);
          const w1 = Math.min(inW, iw0 + kW);
          let count = 0;
          for (let id = d0; id < d1; id++) {
            for (let ih = h0; ih < h1; ih++) {
              const line = ((base + id) * inH + ih) * inW;
              for (let iw = w0; iw < w1; iw++) cells[count++] = (line + iw) * c;
            }
          }
          visit(o, cells, count);
          o += c;
        }
      }
    }
  }
}
