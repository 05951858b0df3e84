import { applyOp } from '../../core/engine.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binaryOperands, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { integerDivisionByZero, rejectBool } from './common.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

/**
 * True division for floats; for integers, truncation toward zero (ONNX Div semantics), computed
 * exactly through the remainder (a float quotient can round up to the next integer for int64).
 */
export const divOp = defineBinary({
  name: 'div',
  fn: (a, b) => a / b,
  intFn: (a, b) => {
    if (b === 0) throw integerDivisionByZero('div');
    return (a - (a % b)) / b;
  },
  vjp: (g, [a, b], y) => [sumToShape(div(g, b!), a!.shape), sumToShape(neg(mul(g, div(y, b!))), b!.shape)],
  // Integer Div truncates toward zero in ONNX too (ONNX Runtime fails on a zero divisor, as intFn throws).
  onnx: (ctx, [a, b]) => ctx.node('Div', [a!, b!]),
});

export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  rejectBool('div', x, y);
  return applyOp(divOp, [x, y], {});
}
