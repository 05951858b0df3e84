/**
 * Shared by the optimizer tests: Keras 3's update rules in plain float64 JavaScript (the oracle),
 * runners for the functional and eager paths, the fixture data and a tolerance check.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import '../../src/backends/reference/index.js';
import { variable } from '../../src/autograd/variable.js';
import { scalar } from '../../src/core/creation.js';
import type { DType } from '../../src/core/dtype.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import type { Optimizer } from '../../src/optimizers/index.js';

// ---------------------------------------------------------------------------------------------
// Fixture: parameters, per-step gradients and torch.optim's results (gen_torch_optimizers.py).

export interface TorchCase {
  name: string;
  torch: string;
  factory: string;
  options: Record<string, number | boolean>;
  tolerance: number;
  note: string;
  /** Per step, per parameter: the flattened values after the step. */
  expected: number[][][];
}

export interface TorchFixture {
  shapes: number[][];
  params: number[][];
  /** Per step, per parameter. */
  grads: number[][][];
  cases: TorchCase[];
}

export const fixture: TorchFixture = JSON.parse(readFileSync(new URL('../fixtures/optimizers/torch_optimizers.json', import.meta.url), 'utf8')) as TorchFixture;

// ---------------------------------------------------------------------------------------------
// Keras 3's formulas, written out again in float64 (keras/src/optimizers/*.py and base_optimizer.py).

type Vec = number[];

export interface ReferenceOptions {
  kind: 'sgd' | 'adam' | 'rmsprop' | 'adagrad';
  /** The learning rate for update number t (1-based). */
  lr: (t: number) => number;
  momentum?: number;
  nesterov?: boolean;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  amsgrad?: boolean;
  rho?: number;
  centered?: boolean;
  initialAccumulatorValue?: number;
  weightDecay?: number;
  clipvalue?: number;
  clipnorm?: number;
  globalClipnorm?: number;
}

const norm = (vs: Vec[]): number => Math.sqrt(vs.reduce((s, v) => s + v.reduce((a, x) => a + x * x, 0), 0));

/** Runs the reference for every step of `grads`; returns the parameters and the slots (Tessera's slot order). */
export function kerasReference(o: ReferenceOptions, params0: Vec[], grads: Vec[][]): { params: Vec[]; slots: Vec[][] } {
  const p = params0.map((v) => [...v]);
  const zeros = (): Vec[] => p.map((v) => v.map(() => 0));
  const m = zeros(); // SGD/RMSprop momentum, Adam m
  const v = zeros(); // Adam v, RMSprop velocity
  const vHat = zeros();
  const avg = zeros(); // RMSprop average gradient
  const acc = p.map((x) => x.map(() => o.initialAccumulatorValue ?? 0.1));
  grads.forEach((gsIn, step) => {
    const t = step + 1;
    const lr = o.lr(t);
    let gs = gsIn.map((g) => [...g]);
    if (o.clipvalue !== undefined) gs = gs.map((g) => g.map((x) => Math.min(o.clipvalue!, Math.max(-o.clipvalue!, x))));
    if (o.clipnorm !== undefined) gs = gs.map((g) => { const n = norm([g]); return g.map((x) => (x * o.clipnorm!) / Math.max(n, o.clipnorm!)); });
    if (o.globalClipnorm !== undefined) { const n = norm(gs); gs = gs.map((g) => g.map((x) => x * o.globalClipnorm! * Math.min(1 / n, 1 / o.globalClipnorm!))); }
    gs.forEach((g, i) => {
      const w = p[i]!;
      if (o.weightDecay) for (let j = 0; j < w.length; j++) w[j] = w[j]! - w[j]! * o.weightDecay * lr;
      for (let j = 0; j < w.length; j++) {
        const gj = g[j]!;
        switch (o.kind) {
          case 'sgd': {
            const mu = o.momentum ?? 0;
            if (mu === 0) { w[j] = w[j]! - gj * lr; break; }
            m[i]![j] = m[i]![j]! * mu - gj * lr;
            w[j] = o.nesterov ? w[j]! + (m[i]![j]! * mu - gj * lr) : w[j]! + m[i]![j]!;
            break;
          }
          case 'adam': {
            const b1 = o.beta1 ?? 0.9, b2 = o.beta2 ?? 0.999, eps = o.epsilon ?? 1e-7;
            const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
            m[i]![j] = m[i]![j]! + (gj - m[i]![j]!) * (1 - b1);
            v[i]![j] = v[i]![j]! + (gj * gj - v[i]![j]!) * (1 - b2);
            vHat[i]![j] = Math.max(vHat[i]![j]!, v[i]![j]!);
            w[j] = w[j]! - (m[i]![j]! * alpha) / (Math.sqrt(o.amsgrad ? vHat[i]![j]! : v[i]![j]!) + eps);
            break;
          }
          case 'rmsprop': {
            const rho = o.rho ?? 0.9, eps = o.epsilon ?? 1e-7, mu = o.momentum ?? 0;
            v[i]![j] = rho * v[i]![j]! + (1 - rho) * gj * gj;
            let denominator = v[i]![j]! + eps;
            if (o.centered) {
              avg[i]![j] = rho * avg[i]![j]! + (1 - rho) * gj;
              denominator = v[i]![j]! - avg[i]![j]! ** 2 + eps;
            }
            const increment = (lr * gj) / Math.sqrt(denominator);
            if (mu > 0) { m[i]![j] = mu * m[i]![j]! + increment; w[j] = w[j]! - m[i]![j]!; } else w[j] = w[j]! - increment;
            break;
          }
          case 'adagrad': {
            acc[i]![j] = acc[i]![j]! + gj * gj;
            w[j] = w[j]! - (lr * gj) / Math.sqrt(acc[i]![j]! + (o.epsilon ?? 1e-7));
            break;
          }
        }
      }
    });
  });
  const slots = p.map((_, i) => {
    switch (o.kind) {
      case 'sgd': return (o.momentum ?? 0) !== 0 ? [m[i]!] : [];
      case 'adam': return o.amsgrad ? [m[i]!, v[i]!, vHat[i]!] : [m[i]!, v[i]!];
      case 'rmsprop': return [v[i]!, ...((o.momentum ?? 0) > 0 ? [m[i]!] : []), ...(o.centered ? [avg[i]!] : [])];
      case 'adagrad': return [acc[i]!];
    }
  });
  return { params: p, slots };
}

// ---------------------------------------------------------------------------------------------
// Running an optimizer.

export interface RunResult {
  params: Vec[];
  slots: Vec[][];
}

const values = (t: Tensor): Vec => Array.from(t.dataSync() as Float32Array | Float64Array);

/** The host scalars as tensors: float32 as `fit` feeds them, float64 for float64 runs (exact rates). */
export function scalarTensors(values: Record<string, number>, dtype: DType = 'float32'): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, scalar(v, dtype)]));
}

/** Steps of `applyFunctional`, as `fit` drives it (host scalars for t = iterations + 1, then iterations++). */
export function runFunctional(opt: Optimizer, params0: Vec[], shapes: number[][], grads: Vec[][], dtype: DType = 'float32'): RunResult {
  let params = params0.map((p, i) => tensor(p, shapes[i], dtype));
  let slots = params.map((p) => opt.initSlots(p));
  for (const gs of grads) {
    const out = opt.applyFunctional(params, gs.map((g, i) => tensor(g, shapes[i], dtype)), slots, scalarTensors(opt.hostScalars(opt.iterations + 1), dtype));
    params = out.params;
    slots = out.slots;
    opt.iterations++;
  }
  return { params: params.map(values), slots: slots.map((s) => s.map(values)) };
}

/** Steps of the eager `applyGradients` on Variables. */
export function runEager(opt: Optimizer, params0: Vec[], shapes: number[][], grads: Vec[][], dtype: DType = 'float32'): RunResult {
  const vars = params0.map((p, i) => variable(tensor(p, shapes[i], dtype), { name: `w${i}` }));
  for (const gs of grads) opt.applyGradients(gs.map((g, i) => [tensor(g, shapes[i], dtype), vars[i]!] as const));
  return { params: vars.map(values), slots: vars.map((v) => (opt.getSlots(v) ?? []).map(values)) };
}

/**
 * |actual − expected| ≤ rtol·|expected| + atol. With float32 parameters pass atol = float32Atol:
 * elements that cancelled to far below their tensor's size keep the rounding error of the terms
 * that produced them (about an ulp of the tensor's largest values), not of their own size.
 */
export function expectClose(actual: readonly number[], expected: readonly number[], rtol: number, what = 'values', atol = 0): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= rtol * Math.abs(e) + atol)) throw new Error(`${what}[${i}]: expected ${e}, received ${a} (rtol ${rtol}, atol ${atol})`);
  });
}

/** An absolute tolerance for float32 results: rtol of the tensor's largest expected value. */
export const float32Atol = (expected: readonly number[], rtol: number): number => rtol * Math.max(0, ...expected.map(Math.abs));

export function expectRunClose(actual: RunResult, expected: RunResult, rtol: number, dtype: DType = 'float32'): void {
  const check = (a: Vec, e: Vec, what: string): void => expectClose(a, e, rtol, what, dtype === 'float32' ? float32Atol(e, rtol) : 0);
  expect(actual.slots.map((s) => s.length)).toEqual(expected.slots.map((s) => s.length));
  actual.params.forEach((p, i) => check(p, expected.params[i]!, `param ${i}`));
  actual.slots.forEach((s, i) => s.forEach((x, k) => check(x, expected.slots[i]![k]!, `param ${i} slot ${k}`)));
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the per-optimizer tests.

/**
 * Runs `make()` on the fixture's parameters and gradients through both paths; each must match the
 * float64 Keras formula within rtol — in float64 purely relatively, in float32 with float32Atol —
 * and the two paths must agree exactly.
 */
export function checkAgainstReference(make: () => Optimizer, ref: ReferenceOptions, rtol = 1e-6): RunResult {
  const expected = kerasReference(ref, fixture.params, fixture.grads);
  const exact = runFunctional(make(), fixture.params, fixture.shapes, fixture.grads, 'float64');
  expectRunClose(exact, expected, rtol, 'float64');
  const functional = runFunctional(make(), fixture.params, fixture.shapes, fixture.grads);
  const eager = runEager(make(), fixture.params, fixture.shapes, fixture.grads);
  expectRunClose(functional, expected, rtol);
  expect(eager).toEqual(functional);
  return functional;
}

/** The optimizer rebuilt from its JSON config: same class, same config, same updates. */
export function checkConfigRoundTrip(opt: Optimizer): Optimizer {
  const json = JSON.parse(JSON.stringify(serialize(opt))) as unknown;
  const back = deserialize<Optimizer>('optimizer', json);
  expect(back.className).toBe(opt.className);
  expect(back.getConfig()).toEqual(opt.getConfig());
  expect(back.slotNames).toEqual(opt.slotNames);
  const steps = fixture.grads.slice(0, 2);
  const saved = opt.iterations;
  opt.iterations = 0;
  const original = runFunctional(opt, fixture.params, fixture.shapes, steps);
  opt.iterations = saved;
  expect(runFunctional(back, fixture.params, fixture.shapes, steps)).toEqual(original);
  return deserialize<Optimizer>('optimizer', json);
}
