/** The PyTorch fixtures of test/fixtures/layers/recurrent (see gen_recurrent.py) and a comparison helper. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';

interface TensorJson { shape: number[]; data: number[] }
export interface RecurrentCase {
  args: Record<string, unknown>;
  input: TensorJson;
  mask?: TensorJson;
  initialState?: TensorJson[];
  weights: TensorJson[];
  outputs: TensorJson[];
}

const file = fileURLToPath(new URL('../../fixtures/layers/recurrent/recurrent.json', import.meta.url));
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Record<string, RecurrentCase> }).cases;

export function fixture(name: string): RecurrentCase {
  const c = cases[name];
  if (!c) throw new Error(`no recurrent fixture '${name}'`);
  return c;
}

export const toTensor = (t: TensorJson): Tensor => tsr.tensor(t.data, t.shape);

/** Every value within `tol` of PyTorch's (absolute; the values are O(1)). */
export function expectClose(got: Tensor, want: TensorJson, tol = 1e-4, what = 'output'): void {
  expect([...got.shape], `${what}: shape`).toEqual(want.shape);
  const d = got.dataSync();
  let worst = 0;
  for (let i = 0; i < d.length; i++) worst = Math.max(worst, Math.abs(Number(d[i]) - want.data[i]!));
  expect(worst, `${what}: largest difference from PyTorch`).toBeLessThan(tol);
}

/** A tensor's values as plain numbers. */
export const values = (t: Tensor): number[] => [...t.dataSync()].map(Number);

/** Builds `layer` on the case's input, sets the case's weights and applies it (mask, initial state). */
export function runCase(layer: tsr.layers.Layer, c: RecurrentCase): Tensor[] {
  tsr.setBackend('reference');
  const x = toTensor(c.input);
  layer.apply(x);
  layer.setWeights(c.weights.map(toTensor));
  const kwargs = c.initialState ? { initialState: c.initialState.map(toTensor) } : {};
  const out = layer.apply(x, { mask: c.mask ? tsr.cast(toTensor(c.mask), 'bool') : null, kwargs });
  return Array.isArray(out) ? out : [out];
}

/** Runs the named case on `make(args)` and compares every output with PyTorch's. */
export function expectCase(name: string, make: (args: Record<string, unknown>) => tsr.layers.Layer, tol = 1e-4): void {
  const c = fixture(name);
  const out = runCase(make(c.args), c);
  expect(out.length, `${name}: number of outputs`).toBe(c.outputs.length);
  c.outputs.forEach((w, i) => expectClose(out[i]!, w, tol, `${name} output ${i}`));
}
