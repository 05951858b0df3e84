/**
 * `pad`: constant padding is a primitive (negative amounts crop, so its VJP is the same op with
 * the amounts negated); reflect and edge padding are composites of slices and concat, so their
 * gradient (mirrored cells summed back) comes for free.
 */
import { allocate, castScalar } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { sizeOf, stridesOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { broadcastTo } from './broadcast-to.js';
import { concat } from './concat.js';
import { sliceAxis } from './slice.js';
import { stridedRows } from './strided-rows.js';
import { lowerPad } from './onnx-lowering.js';

export interface PadAttrs {
  [key: string]: readonly number[] | number;
  /** [before0, after0, before1, after1, …]; negative amounts remove cells. */
  paddings: readonly number[];
  value: number;
}

export interface PadOptions {
  mode?: 'constant' | 'reflect' | 'edge';
  /** Fill value of constant mode. */
  value?: number;
}

export const padOp = defineOp<PadAttrs>({
  name: 'pad',
  infer: ([x], { paddings }): TensorMeta => {
    const r = x!.shape.length;
    if (paddings.length !== 2 * r || !paddings.every(Number.isInteger)) {
      throw new OpError('pad', `paddings must hold two integers per axis of ${fmtShape(x!.shape)}. Received: paddings=${fmtShape(paddings)}`);
    }
    const shape = x!.shape.map((d, i) => d + paddings[2 * i]! + paddings[2 * i + 1]!);
    if (shape.some((d) => d < 0)) {
      throw new OpError('pad', `negative paddings remove more cells than ${fmtShape(x!.shape)} has. Received: paddings=${fmtShape(paddings)}`);
    }
    return { shape, dtype: x!.dtype };
  },
  kernel: ([x], { paddings, value }, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    const fill = castScalar(value, out.dtype);
    if (fill !== 0) res.fill(fill);
    // Copy the box where input and output overlap: it starts at (-before)+ in the input and
    // (before)+ in the output on each axis.
    const inShape = x!.shape;
    const box: number[] = [];
    let inBase = 0;
    let outBase = 0;
    const xs = stridesOf(inShape);
    const os = stridesOf(out.shape);
    for (let i = 0; i < inShape.length; i++) {
      const before = paddings[2 * i]!;
      const inStart = Math.max(0, -before);
      const outStart = Math.max(0, before);
      box.push(Math.max(0, Math.min(inShape[i]! - inStart, out.shape[i]! - outStart)));
      inBase += inStart * xs[i]!;
      outBase += outStart * os[i]!;
    }
    if (sizeOf(box) === 0) return res;
    const src = stridedRows(box, xs, inBase);
    const dst = stridedRows(box, os, outBase);
    const d = x!.data;
    const inner = src.inner;
    for (let r = 0; r < src.offsets.length; r++) {
      const si = src.offsets[r]!;
      res.set(d.subarray(si, si + inner), dst.offsets[r]!);
    }
    return res;
  },
  vjp: (g, _x, _y, { paddings }): Tensor[] => [applyOp(padOp, [g], { paddings: paddings.map((p) => -p), value: 0 })],
  onnx: (ctx, [x], { paddings, value }, _in, out) =>
    lowerPad(ctx, x!, paddings.filter((_, i) => i % 2 === 0), paddings.filter((_, i) => i % 2 === 1), value, out.dtype),
});

/**
 * Pads each axis by `paddings[i] = [before, after]` cells. 'constant' fills with `value`
 * (negative amounts crop); 'reflect' mirrors without repeating the edge (amounts < axis size);
 * 'edge' repeats the edge cell.
 */
export function pad(x: TensorLike, paddings: readonly (readonly [number, number] | readonly number[])[], opts: PadOptions = {}): Tensor {
  const t = toTensor(x);
  const mode = opts.mode ?? 'constant';
  const shown = `[${paddings.map((p) => fmtShape(p)).join(',')}]`;
  if (paddings.length !== t.rank || !paddings.every((p) => p.length === 2 && p.every(Number.isInteger))) {
    throw new OpError('pad', `paddings must be one [before, after] pair of integers per axis of ${fmtShape(t.shape)}. Received: paddings=${shown}`);
  }
  const flat = paddings.flatMap((p) => [p[0]!, p[1]!]);
  if (mode === 'constant') {
    if (flat.every((p) => p === 0)) return t;
    return applyOp(padOp, [t], { paddings: flat, value: opts.value ?? 0 });
  }
  if (mode !== 'reflect' && mode !== 'edge') {
    throw new OpError('pad', `mode must be 'constant', 'reflect' or 'edge'. Received: mode='${String(mode)}'`);
  }
  if (flat.some((p) => p < 0)) {
    throw new OpError('pad', `${mode} padding needs non-negative paddings (use constant mode to crop). Received: paddings=${shown}`);
  }
  let y = t;
  paddings.forEach(([before, after], axis) => {
    if (before === 0 && after === 0) return;
    const n = t.shape[axis]!;
    if (mode === 'reflect' ? before! >= n || after! >= n : n === 0) {
      throw new OpError('pad', `${mode} padding of axis ${axis} (size ${n}) must be ${mode === 'reflect' ? `smaller than ${n}` : 'from a non-empty axis'}. Received: paddings=${shown}`);
    }
    const edge = (i: number, count: number): Tensor => {
      const cell = sliceAxis(y, axis, i, i + 1);
      const shape = [...y.shape];
      shape[axis] = count;
      return broadcastTo(cell, shape);
    };
    const parts: Tensor[] = [];
    // Reflect: cells before+..1 in front, n-2..n-1-after behind (negative-stride slices).
    if (before! > 0) parts.push(mode === 'reflect' ? sliceAxis(y, axis, before!, 0, -1) : edge(0, before!));
    parts.push(y);
    if (after! > 0) parts.push(mode === 'reflect' ? sliceAxis(y, axis, n - 2, n - 2 - after!, -1) : edge(n - 1, after!));
    y = concat(parts, axis);
  });
  return y;
}
