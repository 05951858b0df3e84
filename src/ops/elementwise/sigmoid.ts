import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { mul } from './mul.js';
import { sub } from './sub.js';

/**
 * 1 / (1 + e^-x). A primitive rather than a composite: the composite's exp(-x) overflows for
 * very negative x, and its gradient then multiplies 0 by inf (NaN).
 */
export const sigmoidOp = defineUnary({
  name: 'sigmoid',
  // Each branch exponentiates a non-positive number, so nothing overflows.
  fn: (x) => {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    const e = Math.exp(x);
    return e / (1 + e);
  },
  vjp: (g, _x, y) => [mul(g, mul(y, sub(1, y)))],
});

export function sigmoid(x: TensorLike): Tensor {
  return unary(sigmoidOp, x);
}
