/**
 * The one op-test helper: checks an op's forward values against expected or reference values,
 * and its gradient against central finite differences in float64 (gradcheck).
 * Op cases live in `*.cases.ts` tables so a coverage test can check every primitive has one.
 */
import { expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import type { DType, NestedArray, Shape, Tensor } from '../../src/index.js';

export interface InputSpec {
  shape?: Shape;
  /** Explicit values (otherwise uniform random in `range`). */
  values?: NestedArray | readonly number[];
  dtype?: DType;
  /** Range of random values; default [-2, 2]. */
  range?: [number, number];
  /** Random integers in range (for indices). */
  integer?: boolean;
  /** Keep random values at least this far from these points (kinks: relu at 0, abs at 0…). */
  avoid?: readonly number[];
}

export interface OpCase {
  name: string;
  fn: (...xs: Tensor[]) => Tensor;
  inputs: readonly (Shape | InputSpec)[];
  /** Expected output values, nested or flat. */
  expected?: NestedArray | readonly number[];
  /** Expected output computed in plain JS from the inputs' flat values. */
  reference?: (...xs: { data: number[]; shape: readonly number[] }[]) => readonly number[];
  expectedShape?: Shape;
  expectedDtype?: DType;
  /** false: no gradient check (non-differentiable ops). Default: check every float input. */
  grad?: boolean;
  /** Inputs excluded from the gradient check. */
  gradSkip?: readonly number[];
  gradMaxElements?: number;
  atol?: number;
  rtol?: number;
  gradAtol?: number;
  gradRtol?: number;
}

/** Small deterministic PRNG so every run checks the same points. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeInput(spec: Shape | InputSpec, rand: () => number): Tensor {
  const s: InputSpec = Array.isArray(spec) ? { shape: spec as Shape } : (spec as InputSpec);
  const dtype = s.dtype ?? 'float32';
  if (s.values !== undefined) return tsr.tensor(s.values as NestedArray[], s.shape, dtype);
  const shape = s.shape ?? [];
  const n = shape.reduce((a, b) => a * b, 1);
  const [lo, hi] = s.range ?? [-2, 2];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let tries = 0; tries < 100; tries++) {
      v = s.integer || dtype === 'int32' || dtype === 'int64' ? Math.floor(lo + rand() * (hi - lo)) : lo + rand() * (hi - lo);
      if (dtype === 'bool') v = rand() < 0.5 ? 0 : 1;
      if (!s.avoid || s.avoid.every((a) => Math.abs(v - a) > 0.05)) break;
    }
    vals.push(v);
  }
  return tsr.tensor(vals, shape, dtype);
}

/** Flattens nested expected values. */
function flat(x: NestedArray | readonly number[]): number[] {
  return Array.isArray(x) ? (x as NestedArray[]).flatMap((e) => flat(e as NestedArray)) : [Number(x)];
}

export function expectClose(actual: ArrayLike<number | bigint>, expected: readonly number[], atol: number, rtol: number, what: string): void {
  expect(actual.length, `${what}: number of values`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = expected[i]!;
    if (Number.isNaN(e)) {
      expect(Number.isNaN(a), `${what}[${i}] should be NaN, got ${a}`).toBe(true);
      continue;
    }
    if (!Number.isFinite(e)) {
      expect(a, `${what}[${i}]`).toBe(e);
      continue;
    }
    const tol = atol + rtol * Math.abs(e);
    if (!(Math.abs(a - e) <= tol)) {
      throw new Error(`${what}[${i}]: expected ${e}, got ${a} (|diff| ${Math.abs(a - e)} > ${tol})`);
    }
  }
}

/** Runs one case: forward check (float32 as users see it) and gradient check (float64). */
export function checkOpCase(c: OpCase, seed = 1234): void {
  const rand = rng(seed);
  const inputs = c.inputs.map((s) => makeInput(s, rand));
  const out = c.fn(...inputs);
  if (c.expectedShape) expect([...out.shape], `${c.name}: shape`).toEqual([...c.expectedShape]);
  if (c.expectedDtype) expect(out.dtype, `${c.name}: dtype`).toBe(c.expectedDtype);
  const values = out.dataSync();
  const atol = c.atol ?? 1e-5;
  const rtol = c.rtol ?? 1e-5;
  if (c.expected !== undefined) expectClose(values as ArrayLike<number>, flat(c.expected), atol, rtol, `${c.name}: forward`);
  if (c.reference) {
    const refInputs = inputs.map((t) => ({ data: Array.from(t.dataSync() as ArrayLike<number>, Number), shape: t.shape }));
    expectClose(values as ArrayLike<number>, [...c.reference(...refInputs)], atol, rtol, `${c.name}: forward vs reference`);
  }
  if (c.grad !== false) {
    const floatInputs = inputs.map((t, i) => i).filter((i) => inputs[i]!.dtype === 'float32' || inputs[i]!.dtype === 'float64');
    if (floatInputs.length === 0) throw new Error(`${c.name}: no float input to check the gradient of; set grad: false`);
    const res = tsr.gradcheck(c.fn, inputs, {
      skip: c.gradSkip ?? [],
      maxElements: c.gradMaxElements ?? 48,
      atol: c.gradAtol ?? 1e-6,
      rtol: c.gradRtol ?? 1e-4,
    });
    if (!res.ok) {
      const f = res.failures.slice(0, 5).map((x) => `input ${x.input}[${x.index}]: analytic ${x.analytic} vs numeric ${x.numeric}`);
      throw new Error(`${c.name}: gradient check failed at ${res.failures.length}/${res.checked} points:\n${f.join('\n')}`);
    }
    expect(res.checked).toBeGreaterThan(0);
  }
}

/** Registers one vitest test per case. */
export function testOps(cases: readonly OpCase[]): void {
  for (const c of cases) it(c.name, () => checkOpCase(c));
}

/** Names of the primitive ops in the graph that computes `t` (walks the pending graph). */
export function opsInGraph(t: Tensor): Set<string> {
  const names = new Set<string>();
  const stack: Tensor[] = [t];
  const seen = new Set<Tensor>();
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x) || !x._pending) continue;
    seen.add(x);
    names.add(x._pending.op.name);
    stack.push(...x._pending.inputs);
  }
  return names;
}
