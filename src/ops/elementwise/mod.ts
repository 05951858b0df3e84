import { applyOp } from '../../core/engine.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binaryOperands, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { integerDivisionByZero, rejectBool } from './common.js';
import { div } from './div.js';
import { floor } from './floor.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

/** Remainder with the divisor's sign (numpy/Python): JS's exact `%` has the dividend's, so fix it up. */
function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/**
 * a mod b = a - floor(a / b)·b, with the sign of b: mod(-7, 3) = 2, mod(7, -3) = -2. Floats give
 * NaN for b = 0; integers raise. Gradients: d/da = 1, d/db = -floor(a / b).
 */
export const modOp = defineBinary({
  name: 'mod',
  fn: floorMod,
  intFn: (a, b) => {
    if (b === 0) throw integerDivisionByZero('mod');
    return floorMod(a, b);
  },
  vjp: (g, [a, b]) => [sumToShape(g, a!.shape), sumToShape(neg(mul(g, floor(div(a!, b!)))), b!.shape)],
});

export function mod(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  rejectBool('mod', x, y);
  return applyOp(modOp, [x, y], {});
}
