/** ONNX lowering patterns shared by the reductions (and the indexing ops). */
import { isFloat, type DType } from '../../core/dtype.js';
import type { OnnxContext, OnnxLowering, TensorMeta } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import { ONNX_DTYPE } from '../../backends/onnxruntime/model-builder.js';
import type { ArgAttrs } from './common.js';
import type { ReduceAttrs } from './sum.js';

export function castTo(ctx: OnnxContext, x: string, from: DType, to: DType): string {
  return from === to ? x : ctx.node('Cast', [x], { to: ONNX_DTYPE[to] });
}

/** An empty output as a constant: spares ONNX Runtime's kernels their zero-size corner cases. */
export function emptyOutput(ctx: OnnxContext, out: TensorMeta): string | null {
  return sizeOf(out.shape) === 0 ? ctx.constant([], out.shape, out.dtype) : null;
}

/**
 * An opset-18 Reduce* node. Our empty axis list reduces nothing, whereas ONNX's means "all axes"
 * (unless noop_with_empty_axes), so it is an Identity here.
 */
export function reduceNode(ctx: OnnxContext, opType: string, x: string, axes: readonly number[], keepDims: boolean, shape?: readonly number[]): string {
  if (axes.length === 0) return ctx.node('Identity', [x]);
  if (opType === 'ReduceSum' && shape) {
    const split = leadingRowsSplit(shape, axes);
    if (split) {
      // ONNX Runtime sums a tall [R, K] over R (K small) on one thread: a conv's bias gradient,
      // [8·16·64·64, 16], took 21 ms. As [R1, R2, K] summed over R2 (parallel over R1), then
      // over R1, it took 1.1 ms.
      const k = sizeOf(shape) / (split[0] * split[1]);
      const partial = reduceNode(ctx, opType, ctx.node('Reshape', [x, ctx.ints([...split, k])]), [1], false);
      const total = reduceNode(ctx, opType, partial, [0], false);
      const outShape = keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
      return ctx.node('Reshape', [total, ctx.ints(outShape)]);
    }
  }
  // Opset 17: ReduceSum takes its axes as an input (since 13), the other Reduce* as an attribute.
  if (opType === 'ReduceSum') return ctx.node(opType, [x, ctx.ints(axes)], { keepdims: keepDims ? 1 : 0 });
  return ctx.node(opType, [x], { axes: [...axes], keepdims: keepDims ? 1 : 0 });
}

/**
 * For a reduction over the leading axes of `shape` (rows R = their product, some axes kept) with
 * many rows, a split R = R1·R2 with R1 near √R; null otherwise.
 */
function leadingRowsSplit(shape: readonly number[], axes: readonly number[]): [number, number] | null {
  const sorted = [...axes].sort((a, b) => a - b);
  if (sorted.length === shape.length || !sorted.every((a, i) => a === i)) return null;
  const rows = sizeOf(shape.slice(0, sorted.length));
  if (rows < 1 << 14) return null;
  let r1 = Math.floor(Math.sqrt(rows));
  while (rows % r1 !== 0) r1--;
  return r1 >= 16 ? [r1, rows / r1] : null;
}

/** sum and prod: bool counts as int32 (out.dtype), which ReduceSum/ReduceProd take natively. */
export function accumulateOnnx(opType: 'ReduceSum' | 'ReduceProd'): OnnxLowering<ReduceAttrs> {
  return (ctx, [x], { axes, keepDims }, [xm], out) =>
    emptyOutput(ctx, out) ?? reduceNode(ctx, opType, castTo(ctx, x!, xm!.dtype, out.dtype), axes, keepDims, xm!.shape);
}

/**
 * max and min. ONNX Runtime's ReduceMax/ReduceMin drop NaN in some layouts (a row [1, NaN, 3]
 * gives 3), whereas the kernel's Math.max propagates it: a slice holding NaN gets NaN, detected
 * by summing the input with every non-NaN replaced by 0. Bools (max = any, min = all) go
 * through int32, which the Reduce ops take.
 */
export function extremumOnnx(opType: 'ReduceMax' | 'ReduceMin'): OnnxLowering<ReduceAttrs> {
  return (ctx, [x], { axes, keepDims }, [xm], out) => {
    const empty = emptyOutput(ctx, out);
    if (empty) return empty;
    const d = xm!.dtype;
    if (d === 'bool') return castTo(ctx, reduceNode(ctx, opType, castTo(ctx, x!, d, 'int32'), axes, keepDims), 'int32', d);
    const m = reduceNode(ctx, opType, x!, axes, keepDims);
    if (!isFloat(d) || axes.length === 0) return m;
    const onlyNaN = ctx.node('Where', [ctx.node('IsNaN', [x!]), x!, ctx.constant([0], [], d)]);
    const nanSum = reduceNode(ctx, 'ReduceSum', onlyNaN, axes, keepDims, xm!.shape);
    // Where rather than Add keeps a -0 result's sign.
    return ctx.node('Where', [ctx.node('IsNaN', [nanSum]), nanSum, m]);
  };
}

/**
 * argmax and argmin: ONNX ArgMax/ArgMin with the first index on ties (select_last_index 0), as the
 * kernel. ONNX Runtime ignores NaN there, whereas the kernel returns the first NaN of a slice: that
 * is the ArgMax of the slice's IsNaN mask, taken where the mask has any. ONNX gives int64; ours is
 * int32. A scalar (axis 0 of a length-1 view) always gives 0.
 */
export function argOnnx(opType: 'ArgMax' | 'ArgMin'): OnnxLowering<ArgAttrs> {
  return (ctx, [x], { axis, keepDims }, [xm], out) => {
    if (xm!.shape.length === 0) return ctx.constant([0], out.shape, 'int32');
    const empty = emptyOutput(ctx, out);
    if (empty) return empty;
    const d = xm!.dtype;
    const attrs = { axis, keepdims: keepDims ? 1 : 0, select_last_index: 0 };
    let idx = ctx.node(opType, [castTo(ctx, x!, d, d === 'bool' ? 'int32' : d)], attrs);
    if (isFloat(d)) {
      const nan = castTo(ctx, ctx.node('IsNaN', [x!]), 'bool', 'int32');
      const anyNaN = castTo(ctx, reduceNode(ctx, 'ReduceMax', nan, [axis], keepDims), 'int32', 'bool');
      idx = ctx.node('Where', [anyNaN, ctx.node('ArgMax', [nan], attrs), idx]);
    }
    return castTo(ctx, idx, 'int64', 'int32');
  };
}
