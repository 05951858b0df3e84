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
export function reduceNode(ctx: OnnxContext, opType: string, x: string, axes: readonly number[], keepDims: boolean): string {
  if (axes.length === 0) return ctx.node('Identity', [x]);
  // Opset 17: ReduceSum takes its axes as an input (since 13), the other Reduce* as an attribute.
  if (opType === 'ReduceSum') return ctx.node(opType, [x, ctx.ints(axes)], { keepdims: keepDims ? 1 : 0 });
  return ctx.node(opType, [x], { axes: [...axes], keepdims: keepDims ? 1 : 0 });
}

/** sum and prod: bool counts as int32 (out.dtype), which ReduceSum/ReduceProd take natively. */
export function accumulateOnnx(opType: 'ReduceSum' | 'ReduceProd'): OnnxLowering<ReduceAttrs> {
  return (ctx, [x], { axes, keepDims }, [xm], out) =>
    emptyOutput(ctx, out) ?? reduceNode(ctx, opType, castTo(ctx, x!, xm!.dtype, out.dtype), axes, keepDims);
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
    const nanSum = reduceNode(ctx, 'ReduceSum', onlyNaN, axes, keepDims);
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
