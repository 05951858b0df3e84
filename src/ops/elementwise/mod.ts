import { isFloat } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binaryOperands, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { integerDivisionByZero, rejectBool } from './common.js';
import { div } from './div.js';
import { floor } from './floor.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { scalar } from './onnx-lowering.js';

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
  onnx: (ctx, [a, b], _attrs, [am]) => {
    const dtype = am!.dtype;
    // Integer Mod (fmod=0) already takes the divisor's sign; floats need fmod=1 (C's fmod, the
    // dividend's sign), fixed up as floorMod does: r + b where r ≠ 0 and the signs differ.
    if (!isFloat(dtype)) return ctx.node('Mod', [a!, b!]);
    const r = ctx.node('Mod', [a!, b!], { fmod: 1 });
    const zero = scalar(ctx, 0, dtype);
    const signsDiffer = ctx.node('Xor', [ctx.node('Less', [r, zero]), ctx.node('Less', [b!, zero])]);
    const fix = ctx.node('And', [signsDiffer, ctx.node('Not', [ctx.node('Equal', [r, zero])])]);
    return ctx.node('Where', [fix, ctx.node('Add', [r, b!]), r]);
  },
});

export function mod(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  rejectBool('mod', x, y);
  return applyOp(modOp, [x, y], {});
}
