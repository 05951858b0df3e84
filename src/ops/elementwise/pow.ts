import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binaryOperands, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { equal } from './equal.js';
import { greater } from './greater.js';
import { log } from './log.js';
import { mul } from './mul.js';
import { sub } from './sub.js';
import { where } from './where.js';

/** Math.pow, except that 1^y = 1 for every y and (-1)^±inf = 1, as C's pow (numpy, ONNX) gives. */
function ieeePow(a: number, b: number): number {
  if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) return 1;
  return Math.pow(a, b);
}

/**
 * a ** b, broadcasting. For floats a negative base with a non-integer exponent gives NaN.
 * Integer tensors refuse negative exponents (as numpy does) instead of truncating to 0.
 *
 * Gradients (base ≤ 0 handled as PyTorch and TensorFlow do):
 *  - d/da = b·a^(b-1), and 0 where b = 0 (a⁰ is constant; the formula would give 0·inf at a = 0);
 *  - d/db = a^b·log(a) where a > 0, and 0 where a ≤ 0: log(a) is undefined for a < 0, and at
 *    a = 0 the value 0 is the limit for b > 0.
 */
export const powOp = defineBinary({
  name: 'pow',
  fn: ieeePow,
  intFn: (a, b) => {
    if (b < 0) throw new OpError('pow', `integers cannot be raised to negative powers; cast to a float dtype first. Received: exponent=${b}`);
    return Math.pow(a, b);
  },
  vjp: (g, [a, b], y) => {
    const da = where(equal(b!, 0), 0, mul(g, mul(b!, pow(a!, sub(b!, 1)))));
    // log of 1 where a ≤ 0, so the unselected branch holds no NaN/inf to leak into second derivatives.
    const safeLog = log(where(greater(a!, 0), a!, 1));
    const db = mul(g, mul(y, safeLog));
    return [sumToShape(da, a!.shape), sumToShape(db, b!.shape)];
  },
  // ONNX Pow is C's pow, the special values included. On bools a^b is a ∨ ¬b (0⁰ = 1), and
  // ONNX Pow takes no bools.
  onnx: (ctx, [a, b], _attrs, [am]) => (am!.dtype === 'bool' ? ctx.node('Or', [a!, ctx.node('Not', [b!])]) : ctx.node('Pow', [a!, b!])),
});

export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  return applyOp(powOp, [x, y], {});
}
