/**
 * Patterns shared by the ONNX lowerings of the elementwise ops: casting around ONNX Runtime's
 * dtype gaps (its math ops take floats only, its arithmetic no bools) and an accurate log1p,
 * which ONNX lacks.
 */
import { isFloat, type DType } from '../../core/dtype.js';
import type { OnnxContext, OnnxLowering } from '../../core/op.js';
import { ONNX_DTYPE } from '../../backends/onnxruntime/model-builder.js';
import type { NoAttrs } from '../define.js';

export function castTo(ctx: OnnxContext, x: string, from: DType, to: DType): string {
  return from === to ? x : ctx.node('Cast', [x], { to: ONNX_DTYPE[to] });
}

/** A scalar constant (broadcasts against anything). */
export function scalar(ctx: OnnxContext, value: number, dtype: DType): string {
  return ctx.constant([value], [], dtype);
}

/**
 * A float-valued unary op (exp, sin…): int and bool inputs are cast to the output dtype first,
 * as the reference computes them in floating point. `build` gets the float input.
 */
export function floatUnary(build: (ctx: OnnxContext, x: string, dtype: DType) => string): OnnxLowering<NoAttrs> {
  return (ctx, [x], _attrs, [xm], out) => build(ctx, castTo(ctx, x!, xm!.dtype, out.dtype), out.dtype);
}

/** A float unary op that is a single ONNX node of the same name (Exp, Sin, Tanh…). */
export function floatUnaryNode(opType: string): OnnxLowering<NoAttrs> {
  return floatUnary((ctx, x) => ctx.node(opType, [x]));
}

/**
 * A dtype-keeping unary op (floor, round, relu…) whose ONNX node exists for floats (and the
 * integer types in `numeric`); on other dtypes the op is the identity.
 */
export function sameUnaryNode(opType: string, numeric: 'float' | 'numeric'): OnnxLowering<NoAttrs> {
  return (ctx, [x], _attrs, [xm]) => {
    const d = xm!.dtype;
    const native = numeric === 'float' ? isFloat(d) : d !== 'bool';
    return ctx.node(native ? opType : 'Identity', [x!]);
  };
}

/**
 * log(1 + x) to within a few ulps: u = 1 + x rounds away the low digits of x, but u - 1 is
 * exact, so δ = (u - 1) - x is that rounding error and log(1 + x) = log(u) - δ/u to first order
 * (δ/u ≤ ulp). `specials` guards x = -1 (0/0) and x = +inf (inf - inf), whose correction is NaN
 * though log(u) is already right; NaN inputs still give NaN through log(u).
 */
export function log1pNodes(ctx: OnnxContext, x: string, dtype: DType, specials: boolean): string {
  const one = scalar(ctx, 1, dtype);
  const u = ctx.node('Add', [x, one]);
  let corr = ctx.node('Div', [ctx.node('Sub', [ctx.node('Sub', [u, one]), x]), u]);
  if (specials) corr = ctx.node('Where', [ctx.node('IsNaN', [corr]), scalar(ctx, 0, dtype), corr]);
  return ctx.node('Sub', [ctx.node('Log', [u]), corr]);
}
