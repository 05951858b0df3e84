/** The PyTorch fixtures of test/fixtures/layers/normalization (see gen_normalization.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';

export interface TensorJson { shape: number[]; data: number[] }
export type NormCase = { args: Record<string, unknown>; input: TensorJson; weights: TensorJson[]; mask?: TensorJson } & Record<string, TensorJson>;

const file = fileURLToPath(new URL('../../fixtures/layers/normalization/normalization.json', import.meta.url));
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Record<string, NormCase> }).cases;

export function fixture(name: string): NormCase {
  const c = cases[name];
  if (!c) throw new Error(`no normalization fixture '${name}'`);
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
