/**
 * `slice`: the one strided-window primitive. `slice` (tfjs begin/size), `stridedSlice` (Python
 * semantics), `flip`, `split`, `unstack` and the reflect/edge modes of `pad` are all written with it.
 * Attributes are normalised: per axis the first index read, a stop bound and a non-zero stride
 * (for negative strides the stop may be -1, "before index 0").
 */
import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { sizeOf, stridesOf, type Shape } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { sliceTranspose } from './slice-transpose.js';
import { stridedRows, type StridedRows } from './strided-rows.js';
import { lowerSlice } from './onnx-lowering.js';

export interface SliceAttrs {
  [key: string]: readonly number[];
  begin: readonly number[];
  end: readonly number[];
  strides: readonly number[];
}

/** Output shape of a normalised slice of `shape`; validates the attributes (op = who asks). */
export function slicedShape(op: string, shape: Shape, { begin, end, strides }: SliceAttrs): number[] {
  const r = shape.length;
  if (begin.length !== r || end.length !== r || strides.length !== r) {
    throw new OpError(op, `begin, end and strides must have one entry per axis of ${fmtShape(shape)}. Received: begin=${fmtShape(begin)}, end=${fmtShape(end)}, strides=${fmtShape(strides)}`);
  }
  return shape.map((n, i) => {
    const b = begin[i]!;
    const e = end[i]!;
    const s = strides[i]!;
    const ok = Number.isInteger(b) && Number.isInteger(e) && Number.isInteger(s) && s !== 0 &&
      (s > 0 ? b >= 0 && b <= n && e >= 0 && e <= n : b >= -1 && b <= n - 1 && e >= -1 && e <= n - 1);
    if (!ok) {
      throw new OpError(op, `invalid normalised slice on axis ${i} of size ${n}. Received: begin=${b}, end=${e}, stride=${s}`);
    }
    return Math.max(0, Math.ceil((e - b) / s));
  });
}

/** Where each output row starts in the input, and the step along a row: shared with sliceTranspose. */
export function sliceRows(inShape: Shape, outShape: Shape, { begin, strides }: SliceAttrs): StridedRows {
  const xs = stridesOf(inShape);
  let base = 0;
  for (let i = 0; i < xs.length; i++) base += begin[i]! * xs[i]!;
  return stridedRows(outShape, xs.map((st, i) => st * strides[i]!), base);
}

export const sliceOp = defineOp<SliceAttrs>({
  name: 'slice',
  infer: ([x], attrs): TensorMeta => ({ shape: slicedShape('slice', x!.shape, attrs), dtype: x!.dtype }),
  kernel: ([x], attrs, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    if (res.length === 0) return res;
    const d = x!.data;
    const { offsets, inner, innerStride } = sliceRows(x!.shape, out.shape, attrs);
    for (let r = 0, o = 0; r < offsets.length; r++, o += inner) {
      const off = offsets[r]!;
      for (let j = 0; j < inner; j++) res[o + j] = d[off + j * innerStride]!;
    }
    return res;
  },
  vjp: (g, [x], _y, attrs) => [sliceTranspose(g, x!.shape, attrs)],
  onnx: (ctx, [x], { begin, end, strides }) => lowerSlice(ctx, x!, begin, end, strides),
});

/** Applies normalised slice attributes; returns `x` itself for the identity window. */
export function applySlice(x: Tensor, attrs: SliceAttrs): Tensor {
  const identity = x.shape.every((n, i) => attrs.strides[i] === 1 && attrs.begin[i] === 0 && attrs.end[i] === n);
  if (identity && attrs.begin.length === x.rank) return x;
  return applyOp(sliceOp, [x], { begin: [...attrs.begin], end: [...attrs.end], strides: [...attrs.strides] });
}

/** `x[begin:end:stride]` along one axis (normalised bounds), the whole of the other axes. */
export function sliceAxis(x: Tensor, axis: number, begin: number, end: number, stride = 1): Tensor {
  const b = x.shape.map(() => 0);
  const e = [...x.shape];
  const s = x.shape.map(() => 1);
  b[axis] = begin;
  e[axis] = end;
  s[axis] = stride;
  return applySlice(x, { begin: b, end: e, strides: s });
}

function asList(op: string, name: string, v: number | readonly number[], rank: number, fill: number): number[] {
  const list = typeof v === 'number' ? [v] : [...v];
  if (list.length > rank) {
    throw new OpError(op, `${name} has more entries than the tensor has axes (${rank}). Received: ${name}=${fmtShape(list)}`);
  }
  while (list.length < rank) list.push(fill);
  return list;
}

/**
 * A contiguous window, tfjs style: `begin` (negative counts from the end) and `size` per axis
 * (-1 or missing = to the end). A number applies to the first axis.
 */
export function slice(x: TensorLike, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  const t = toTensor(x);
  const b = asList('slice', 'begin', begin, t.rank, 0);
  const sz = asList('slice', 'size', size ?? [], t.rank, -1);
  const bad = (): never => {
    throw new OpError('slice', `begin and size must select a window inside ${fmtShape(t.shape)}. Received: begin=${fmtShape(typeof begin === 'number' ? [begin] : begin)}, size=${fmtShape(typeof size === 'number' ? [size] : size ?? [])}`);
  };
  const end = t.shape.map((n, i) => {
    if (!Number.isInteger(b[i]) || !Number.isInteger(sz[i])) bad();
    const start = b[i]! < 0 ? b[i]! + n : b[i]!;
    if (start < 0 || start > n) bad();
    b[i] = start;
    const len = sz[i] === -1 ? n - start : sz[i]!;
    if (len < 0 || start + len > n) bad();
    return start + len;
  });
  return applySlice(t, { begin: b, end, strides: t.shape.map(() => 1) });
}

/**
 * Python/numpy slicing `x[b0:e0:s0, b1:e1:s1, …]`: negative indices count from the end,
 * out-of-range bounds are clamped, strides may be negative; `null` (or a missing entry) is an
 * omitted bound. Missing trailing axes are taken whole.
 */
export function stridedSlice(
  x: TensorLike,
  begin: readonly (number | null)[],
  end: readonly (number | null)[],
  strides: readonly number[] = [],
): Tensor {
  const t = toTensor(x);
  const r = t.rank;
  if (begin.length > r || end.length > r || strides.length > r) {
    throw new OpError('stridedSlice', `begin, end and strides may have at most one entry per axis of ${fmtShape(t.shape)}. Received: begin=[${begin.map(String).join(',')}], end=[${end.map(String).join(',')}], strides=${fmtShape(strides)}`);
  }
  const B: number[] = [];
  const E: number[] = [];
  const S: number[] = [];
  t.shape.forEach((n, i) => {
    const s = strides[i] ?? 1;
    if (!Number.isInteger(s) || s === 0) {
      throw new OpError('stridedSlice', `strides must be non-zero integers. Received: strides=${fmtShape(strides)}`);
    }
    // Python's slice.indices(): clamp into [0, n] for positive strides, [-1, n-1] for negative ones.
    const lower = s > 0 ? 0 : -1;
    const upper = s > 0 ? n : n - 1;
    const norm = (v: number | null | undefined, dflt: number, what: string): number => {
      if (v === null || v === undefined) return dflt;
      if (!Number.isInteger(v)) throw new OpError('stridedSlice', `${what} must hold integers or null. Received: ${what}[${i}]=${v}`);
      const w = v < 0 ? v + n : v;
      return Math.min(Math.max(w, lower), upper);
    };
    B.push(norm(begin[i], s > 0 ? lower : upper, 'begin'));
    E.push(norm(end[i], s > 0 ? upper : lower, 'end'));
    S.push(s);
  });
  return applySlice(t, { begin: B, end: E, strides: S });
}
