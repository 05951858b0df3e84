/**
 * Dtype rules shared by the elementwise ops that define.ts's templates do not cover: integer
 * kernels that differ from the float ones, bool-only logic ops, and int→float promotion.
 */
import { isFloat } from '../../core/dtype.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type OpDef, type TensorMeta, type Vjp } from '../../core/op.js';
import { broadcastShapes, type Shape } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { mapBinary } from '../../backends/reference/elementwise.js';
import { cast } from './cast.js';

export type NoAttrs = Record<string, never>;

/** Int and bool tensors become float32, the dtype float-valued unary ops (exp, sin…) give them. */
export function toFloat(x: TensorLike): Tensor {
  const t = toTensor(x);
  return isFloat(t.dtype) ? t : cast(t, 'float32');
}

/** Arithmetic whose result would leave {0, 1} (add, sub, neg, div, mod) is refused on bools. */
export function rejectBool(op: string, ...ts: readonly Tensor[]): void {
  for (const t of ts) {
    if (t.dtype === 'bool') {
      throw new OpError(op, `inputs must be numeric; for booleans use the logical ops or cast first. Received: dtype=bool`);
    }
  }
}

/** The error an integer kernel raises on a zero divisor (float kernels give inf/NaN as IEEE does). */
export function integerDivisionByZero(op: string): OpError {
  return new OpError(op, 'integer division by zero. Received: a zero divisor in an int tensor');
}

/** Broadcast shape of several operands; the error names all of them. */
export function broadcastAll(op: string, shapes: readonly Shape[]): number[] {
  let out: number[] = [];
  try {
    for (const s of shapes) out = broadcastShapes(op, out, s);
  } catch {
    throw new OpError(op, `cannot broadcast shapes ${shapes.map(fmtShape).join(', ')}`);
  }
  return out;
}

export interface TypedBinarySpec {
  name: string;
  /** Scalar function for float outputs. */
  float: (a: number, b: number) => number;
  /** Scalar function for int and bool outputs, where the float one would be wrong (7/2 → 3.5). */
  int: (a: number, b: number) => number;
  vjp: Vjp<NoAttrs> | 'none';
  /** Restricts the input dtype (logic ops take bool only). */
  inputs?: 'bool';
  output?: 'same' | 'bool';
}

/**
 * A broadcasting binary primitive like define.ts's `defineBinary`, with a separate integer kernel
 * and an optional input dtype requirement checked in the shape rule.
 */
export function defineTypedBinary(spec: TypedBinarySpec): OpDef<NoAttrs> {
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
    kernel: ([a, b], _attrs, out) => mapBinary(a!, b!, out, isFloat(a!.dtype) ? spec.float : spec.int),
    vjp: spec.vjp,
  });
}
