import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { defineOp, type OpDef } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { cast } from '../elementwise/cast.js';
import { div } from '../elementwise/div.js';
import { equal } from '../elementwise/equal.js';
import { mul } from '../elementwise/mul.js';
import { sum } from '../reduce/sum.js';
import { reshape } from '../shape/reshape.js';
import { extractPatchesOp } from './extract-patches.js';
import { patchesToImageOp } from './patches-to-image.js';
import { forEachWindow, inferPool, poolAttrs, poolGeom, poolWindow, type PoolAttrs, type PoolOptions } from './pool-common.js';

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
