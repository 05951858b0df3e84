/**
 * Dtype rules shared by the elementwise ops: int→float promotion, refusing bool arithmetic,
 * integer division by zero, and broadcasting of several operands.
 */
import { isFloat } from '../../core/dtype.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { broadcastShapes, type Shape } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { cast } from './cast.js';


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
