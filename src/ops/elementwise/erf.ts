import type { OnnxContext } from '../../core/op.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { defineUnary, unary } from '../define.js';
import { castTo, floatUnary } from './onnx-lowering.js';
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

// float64 erf in ONNX: a Taylor expansion of degree 7 around the nearest multiple x0 of 1/32 in
// [0, 6], its coefficients erf⁽ⁿ⁾(x0)/n! tabulated (from erfScalar and the Hermite recurrence of
// the derivatives of e^(-x²)). |x - x0| ≤ 1/64 keeps it within 2e-15 of erfScalar.
const ERF_STEP = 32;
const ERF_DEGREE = 7;
let erfTables: number[][] | undefined;

function erfTaylorTables(): number[][] {
  const size = 6 * ERF_STEP + 1;
  const tables = Array.from({ length: ERF_DEGREE + 1 }, () => new Array<number>(size));
  for (let k = 0; k < size; k++) {
    const x0 = k / ERF_STEP;
    const d1 = TWO_OVER_SQRT_PI * Math.exp(-x0 * x0);
    tables[0]![k] = erfScalar(x0);
    // erf⁽ᵐ⁺¹⁾(x) = (-1)ᵐ Hₘ(x) erf'(x), with H₀ = 1, H₁ = 2x, Hₘ₊₁ = 2x Hₘ - 2m Hₘ₋₁.
    let hPrev = 0;
    let h = 1;
    let factorial = 1;
    for (let m = 0; m < ERF_DEGREE; m++) {
      factorial *= m + 1;
      tables[m + 1]![k] = ((m % 2 ? -h : h) * d1) / factorial;
      [hPrev, h] = [h, 2 * x0 * h - 2 * m * hPrev];
    }
  }
  return tables;
}

function erf64Nodes(ctx: OnnxContext, x: string): string {
  erfTables ??= erfTaylorTables();
  const size = erfTables[0]!.length;
  const a = ctx.node('Abs', [x]);
  // erf is ±1 beyond 6; NaN reads entry 0 (a NaN index would be out of range) and comes back
  // through sign(x) at the end.
  const clamped = ctx.node('Where', [ctx.node('IsNaN', [a]), ctx.constant([0], [], 'float64'), ctx.node('Min', [a, ctx.constant([6], [], 'float64')])]);
  const k = ctx.node('Round', [ctx.node('Mul', [clamped, ctx.constant([ERF_STEP], [], 'float64')])]);
  const index = castTo(ctx, k, 'float64', 'int64');
  const delta = ctx.node('Sub', [clamped, ctx.node('Div', [k, ctx.constant([ERF_STEP], [], 'float64')])]);
  const coef = (n: number): string => ctx.node('Gather', [ctx.constant(erfTables![n]!, [size], 'float64'), index]);
  let p = coef(ERF_DEGREE);
  for (let n = ERF_DEGREE - 1; n >= 0; n--) p = ctx.node('Add', [ctx.node('Mul', [p, delta]), coef(n)]);
  return ctx.node('Mul', [p, ctx.node('Sign', [x])]);
}

export const erfOp = defineUnary({
  name: 'erf',
  fn: erfScalar,
  // d erf(x) = 2/√π e^(-x²), exact.
  vjp: (g, [x]) => [mul(g, mul(exp(neg(mul(x!, x!))), TWO_OVER_SQRT_PI))],
  // ONNX Runtime's CPU Erf is float32 only (and 1e-7 is not float64's precision).
  onnx: floatUnary((ctx, x, dtype) => (dtype === 'float64' ? erf64Nodes(ctx, x) : ctx.node('Erf', [x]))),
});

export function erf(x: TensorLike): Tensor {
  return unary(erfOp, x);
}
