/**
 * Templates for the two most common kinds of primitive: elementwise unary and broadcasting
 * binary ops. Each op still lives in its own file; these only remove the repeated shape rule.
 */
import { isFloat, promoteTypes, type DType } from '../core/dtype.js';
import { applyOp } from '../core/engine.js';
import { OpError } from '../core/errors.js';
import { defineOp, type OnnxLowering, type OpDef, type TensorMeta, type Vjp } from '../core/op.js';
import { broadcastShapes } from '../core/shape.js';
import { Tensor, toTensor, type TensorLike } from '../core/tensor.js';
import { mapBinary, mapUnary } from '../backends/reference/elementwise.js';
import { cast } from './elementwise/cast.js';

export type NoAttrs = Record<string, never>;

export interface UnaryOpSpec {
  name: string;
  /** The scalar function, computed in float64 and stored in the output dtype. */
  fn: (x: number) => number;
  vjp: Vjp<NoAttrs> | 'none';
  /** 'float': int/bool inputs give float32 (exp, sin…); 'same': keeps the dtype (neg, abs…); 'bool'. */
  output?: 'float' | 'same' | 'bool';
  onnx?: OnnxLowering<NoAttrs>;
}

export function defineUnary(spec: UnaryOpSpec): OpDef<NoAttrs> {
  const outDtype = (d: DType): DType => (spec.output === 'bool' ? 'bool' : spec.output === 'same' ? d : isFloat(d) ? d : 'float32');
  return defineOp<NoAttrs>({
    name: spec.name,
    infer: ([x]) => ({ shape: x!.shape, dtype: outDtype(x!.dtype) }),
    kernel: ([x], _attrs, out) => mapUnary(x!, out.dtype, spec.fn),
    vjp: spec.vjp,
    ...(spec.onnx ? { onnx: spec.onnx } : {}),
  });
}

export function unary(op: OpDef<NoAttrs>, x: TensorLike): Tensor {
  return applyOp(op, [toTensor(x)], {});
}

export interface BinaryOpSpec {
  name: string;
  /** The scalar function (computed in float64, stored in the output dtype). */
  fn: (a: number, b: number) => number;
  /** Scalar function for int and bool inputs, where `fn` would be wrong (7/2 → 3.5). */
  intFn?: (a: number, b: number) => number;
  vjp: Vjp<NoAttrs> | 'none';
  /** 'same': the (promoted) input dtype; 'bool': comparisons and logic. */
  output?: 'same' | 'bool';
  /** Restricts the input dtype (the logic ops take bool only). */
  inputs?: 'bool';
  onnx?: OnnxLowering<NoAttrs>;
}

export function defineBinary(spec: BinaryOpSpec): OpDef<NoAttrs> {
  return defineOp<NoAttrs>({
    name: spec.name,
    infer: ([a, b]): TensorMeta => {
      if (spec.inputs === 'bool' && (a!.dtype !== 'bool' || b!.dtype !== 'bool')) {
        throw new OpError(spec.name, `inputs must be bool tensors (use a comparison or cast(x, 'bool')). Received: ${a!.dtype} and ${b!.dtype}`);
      }
      if (a!.dtype !== b!.dtype) {
        throw new OpError(spec.name, `inputs must have the same dtype. Received: ${a!.dtype} and ${b!.dtype}`);
      }
      return { shape: broadcastShapes(spec.name, a!.shape, b!.shape), dtype: spec.output === 'bool' ? 'bool' : a!.dtype };
    },
    kernel: ([a, b], _attrs, out) => mapBinary(a!, b!, out, spec.intFn && !isFloat(a!.dtype) ? spec.intFn : spec.fn),
    vjp: spec.vjp,
    ...(spec.onnx ? { onnx: spec.onnx } : {}),
  });
}

/** The dtype a JS number takes next to a tensor of `dtype`: the tensor's, unless it cannot hold it exactly. */
function weakDtype(value: TensorLike, dtype: DType): DType {
  if (typeof value === 'boolean') return dtype;
  if (typeof value !== 'number') return dtype;
  if (dtype === 'bool' && value !== 0 && value !== 1) return Number.isInteger(value) ? 'int32' : 'float32';
  if ((dtype === 'int32' || dtype === 'int64' || dtype === 'bool') && !Number.isInteger(value)) return 'float32';
  if (dtype === 'int32' && (value > 2147483647 || value < -2147483648)) return 'int64';
  return dtype;
}

/**
 * Turns two operands into tensors of one dtype: JS numbers take the other operand's dtype
 * (numpy's weak scalars) when it holds them exactly — `int32 + 0.5` is float32, never a silent
 * truncation; two tensors of different dtypes are promoted with an explicit cast.
 */
export function binaryOperands(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const ta = a instanceof Tensor ? a : undefined;
  const tb = b instanceof Tensor ? b : undefined;
  const x = ta ?? toTensor(a, tb ? weakDtype(a, tb.dtype) : undefined);
  const y = tb ?? toTensor(b, weakDtype(b, x.dtype));
  if (x.dtype === y.dtype) return [x, y];
  const dt = promoteTypes(x.dtype, y.dtype);
  return [x.dtype === dt ? x : cast(x, dt), y.dtype === dt ? y : cast(y, dt)];
}

export function binary(op: OpDef<NoAttrs>, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  return applyOp(op, [x, y], {});
}
