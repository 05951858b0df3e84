import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { exp } from './exp.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);

/**
 * The error function in float64, within 1.2e-15 relative error (a few ulps; checked against
 * CPython's math.erf on a fine grid):
 *  - |x| < 2: the Maclaurin series 2/√π Σ (-1)ⁿ x^(2n+1) / (n! (2n+1)), at most ~32 terms;
 *  - 2 ≤ |x| < 6: 1 - erfc(x), erfc from its continued fraction
 *      erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
 *    evaluated bottom-up with ⌈200/x²⌉ terms (fewer are needed as x grows);
 *  - |x| ≥ 6: ±1 (erfc(6) ≈ 2e-17 is below float64's resolution at 1).
 */
export function erfScalar(x: number): number {
  const a = Math.abs(x);
  let v: number;
  if (a < 2) {
    const a2 = a * a;
    let term = a;
    let sum = a;
    for (let n = 1; n < 64; n++) {
      term *= -a2 / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) <= 1e-17 * sum) break;
    }
    v = TWO_OVER_SQRT_PI * sum;
  } else if (a < 6) {
    let f = a;
    for (let k = Math.ceil(200 / (a * a)); k >= 1; k--) f = a + (k * 0.5) / f;
    v = 1 - (Math.exp(-a * a) * ONE_OVER_SQRT_PI) / f;
  } else if (a >= 6) {
    v = 1;
  } else {
    return x; // NaN
  }
  return x < 0 ? -v : v;
}

export const erfOp = defineUnary({
  name: 'erf',
  fn: erfScalar,
  // d erf(x) = 2/√π e^(-x²), exact.
  vjp: (g, [x]) => [mul(g, mul(exp(neg(mul(x!, x!))), TWO_OVER_SQRT_PI))],
});

export function erf(x: TensorLike): Tensor {
  return unary(erfOp, x);
}
