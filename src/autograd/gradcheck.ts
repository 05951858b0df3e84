/**
 * Finite-difference gradient check, shipped for users writing their own ops and layers.
 * Runs `f` in float64, contracts its output with fixed random weights into a scalar, and compares
 * the autodiff gradient with central differences for (a sample of) every input element.
 */
import { isFloat, type TypedArray } from '../core/dtype.js';
import { Tensor, fromData } from '../core/tensor.js';
import { cast } from '../ops/elementwise/cast.js';
import { mul } from '../ops/elementwise/mul.js';
import { sum } from '../ops/reduce/sum.js';
import { valueAndGrad } from './grad.js';

export interface GradcheckOptions {
  /** Step of the central difference (in float64). */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** At most this many elements per input are perturbed (spread evenly); 0 = all. */
  maxElements?: number;
  /** Inputs not to differentiate (integer tensors are never differentiated). */
  skip?: readonly number[];
}

export interface GradcheckFailure {
  input: number;
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradcheckResult {
  ok: boolean;
  maxAbsError: number;
  checked: number;
  failures: GradcheckFailure[];
}

/** Deterministic weights in [0.5, 1.5) so no output element is ignored or cancels out. */
function weights(n: number): Float64Array {
  const w = new Float64Array(n);
  let s = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6a09e667) | 0;
    w[i] = 0.5 + (s >>> 0) / 2 ** 32;
  }
  return w;
}

export function gradcheck(f: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], opts: GradcheckOptions = {}): GradcheckResult {
  const eps = opts.eps ?? 1e-6;
  const atol = opts.atol ?? 1e-6;
  const rtol = opts.rtol ?? 1e-4;
  const maxElements = opts.maxElements ?? 0;
  const skip = new Set(opts.skip ?? []);
  const xs = inputs.map((t) => (isFloat(t.dtype) ? cast(t, 'float64') : t));
  xs.forEach((x) => x.dataSync());
  const out0 = f(...xs);
  const w = fromData(weights(out0.size), out0.shape, 'float64');
  const scalar = (...a: Tensor[]): Tensor => sum(mul(cast(f(...a), 'float64'), w));
  const diffIdx = xs.map((x, i) => i).filter((i) => isFloat(xs[i]!.dtype) && !skip.has(i));
  const [, grads] = valueAndGrad((...a: Tensor[]) => scalar(...a), { argnums: diffIdx })(...xs);
  const analytic = (grads as Tensor[]).map((g) => g.dataSync() as Float64Array);
  const failures: GradcheckFailure[] = [];
  let maxAbsError = 0;
  let checked = 0;
  diffIdx.forEach((inputIndex, k) => {
    const x = xs[inputIndex]!;
    const base = x.dataSync() as Float64Array;
    const n = base.length;
    const step = maxElements > 0 && n > maxElements ? n / maxElements : 1;
    for (let f0 = 0; f0 < n; f0 += step) {
      const i = Math.floor(f0);
      const evalAt = (delta: number): number => {
        const data = base.slice() as TypedArray;
        data[i] = base[i]! + delta;
        const args = xs.slice();
        args[inputIndex] = fromData(data, x.shape, 'float64');
        return scalar(...args).item();
      };
      const numeric = (evalAt(eps) - evalAt(-eps)) / (2 * eps);
      const a = analytic[k]![i]!;
      const err = Math.abs(a - numeric);
      maxAbsError = Math.max(maxAbsError, err);
      checked++;
      if (!(err <= atol + rtol * Math.abs(numeric))) failures.push({ input: inputIndex, index: i, analytic: a, numeric });
    }
  });
  return { ok: failures.length === 0, maxAbsError, checked, failures };
}
