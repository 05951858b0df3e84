/**
 * What every image transform shares: the [h, w, c] / [n, h, w, c] layout check, eager evaluation,
 * and host access to pixel values.
 *
 * Image transforms run eagerly on the reference interpreter: they serve input pipelines, where each
 * sample has its own crop offset or angle, and compiling a graph (one ONNX Runtime session per
 * distinct attribute) per sample would cost far more than the work. For in-graph preprocessing use
 * the ops themselves (tsr.resize, tsr.slice, tsr.flip, tsr.transpose).
 */
import { referenceBackend } from '../../backends/reference/index.js';
import { allocate, type DType, type TypedArray } from '../../core/dtype.js';
import { TesseraError, fmtShape } from '../../core/errors.js';
import { fromData, Tensor } from '../../core/tensor.js';

export interface ImageLayout {
  /** True for [n, h, w, c], false for one image [h, w, c]. */
  batched: boolean;
  n: number;
  h: number;
  w: number;
  c: number;
}

/** Checks that `x` is [h, w, c] or [n, h, w, c] (channels last) and returns its sizes. */
export function imageLayout(op: string, x: unknown): ImageLayout {
  if (!(x instanceof Tensor)) {
    throw new TesseraError(`${op}: expected an image tensor [h, w, c] or [n, h, w, c]. Received: ${x === null ? 'null' : typeof x}`);
  }
  if (x.rank !== 3 && x.rank !== 4) {
    throw new TesseraError(`${op}: expected an image tensor [h, w, c] or [n, h, w, c] (channels last). Received: shape ${fmtShape(x.shape)}`);
  }
  const batched = x.rank === 4;
  const [n, h, w, c] = batched ? x.shape : [1, ...x.shape];
  return { batched, n: n!, h: h!, w: w!, c: c! };
}

/** Computes `t` now on the reference interpreter (whatever the current backend) and returns it. */
export function eager(t: Tensor): Tensor {
  referenceBackend.realizeSync!([t._resolve()]);
  return t;
}

/** The values of `t` (computed if pending); a view, not a copy: do not write to it. */
export function pixels(t: Tensor): TypedArray {
  const r = eager(t)._resolve();
  return r._data!;
}

/** The single image `i` of a layout as a tensor [h, w, c] (a view of the batch's values). */
export function imageAt(x: Tensor, layout: ImageLayout, i: number): Tensor {
  if (!layout.batched) return x;
  const size = layout.h * layout.w * layout.c;
  return fromData(pixels(x).subarray(i * size, (i + 1) * size), [layout.h, layout.w, layout.c], x.dtype);
}

/**
 * Applies `fn` to each image of `x` ([h, w, c] → fn(x); [n, h, w, c] → fn on each, stacked). The
 * images of a batch must come out with one shape and dtype.
 */
export function perImage(op: string, x: Tensor, fn: (image: Tensor, index: number) => Tensor): Tensor {
  const layout = imageLayout(op, x);
  if (!layout.batched) return fn(x, 0);
  const outs: Tensor[] = [];
  for (let i = 0; i < layout.n; i++) outs.push(fn(imageAt(x, layout, i), i));
  if (outs.length === 0) return x;
  const first = outs[0]!;
  const size = first.size;
  const data = allocate(first.dtype, size * outs.length);
  outs.forEach((o, i) => {
    if (o.dtype !== first.dtype || o.shape.join() !== first.shape.join()) {
      throw new TesseraError(`${op}: the images of a batch came out with different shapes (${fmtShape(first.shape)} and ${fmtShape(o.shape)})`);
    }
    data.set(pixels(o), i * size);
  });
  return fromData(data, [layout.n, ...first.shape], first.dtype);
}

/** Float work buffer → storage of `dtype` (integers rounded half to even and clamped to [0, 255]). */
export function toDtype(values: Float32Array | Float64Array, dtype: DType): TypedArray {
  if (dtype === 'float32') return values instanceof Float32Array ? values : Float32Array.from(values);
  if (dtype === 'float64') return values instanceof Float64Array ? values : Float64Array.from(values);
  const out = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const r = Math.round(v);
    // Half to even, as ONNX Round / numpy do (Math.round rounds halves up).
    const even = r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
    out[i] = Math.min(255, Math.max(0, even));
  }
  return out;
}

/** Checks a [height, width] pair of positive integers. */
export function checkSize(op: string, name: string, size: unknown): [number, number] {
  const pair = typeof size === 'number' ? [size, size] : size;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new TesseraError(`${op}: ${name} must be a positive integer or [height, width] of them. Received: ${name}=${JSON.stringify(size)}`);
  }
  return [pair[0] as number, pair[1] as number];
}
