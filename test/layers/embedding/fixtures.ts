/** The fixtures of test/fixtures/layers/embedding (see gen_embedding.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';

export interface TensorJson { shape: number[]; data: number[] }
export interface EmbeddingCase {
  args: Record<string, unknown>;
  input?: TensorJson;
  inputShape?: number[];
  startIndex?: number;
  weights?: TensorJson[];
  output: TensorJson;
}

const file = fileURLToPath(new URL('../../fixtures/layers/embedding/embedding.json', import.meta.url));
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Record<string, EmbeddingCase> }).cases;

export function fixture(name: string): EmbeddingCase {
  const c = cases[name];
  if (!c) throw new Error(`no embedding fixture '${name}'`);
  return c;
}

export const toTensor = (t: TensorJson, dtype: tsr.DType = 'float32'): Tensor => tsr.tensor(t.data, t.shape, dtype);

/** Every value within `tol` of the reference (absolute; the values are O(1)). */
export function expectClose(got: Tensor, want: TensorJson, tol = 1e-4, what = 'output'): void {
  expect([...got.shape], `${what}: shape`).toEqual(want.shape);
  const d = got.dataSync();
  let worst = 0;
  for (let i = 0; i < d.length; i++) worst = Math.max(worst, Math.abs(Number(d[i]) - want.data[i]!));
  expect(worst, `${what}: largest difference from the reference`).toBeLessThan(tol);
}
