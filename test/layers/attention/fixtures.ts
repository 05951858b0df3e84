/** The PyTorch fixtures of test/fixtures/layers/attention (see gen_attention.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';
import type { Layer } from '../../../src/layers/layer.js';
import '../../../src/backends/onnxruntime/node.js';

export interface TensorJson { shape: number[]; data: number[] }
export interface AttentionCase {
  args: Record<string, unknown>;
  inputs?: TensorJson[];
  input?: TensorJson;
  masks?: (TensorJson | null)[];
  mask?: TensorJson;
  attentionMask?: TensorJson;
  kwargs?: Record<string, unknown>;
  weights: TensorJson[];
  outputs?: TensorJson[];
  output?: TensorJson;
}

const file = fileURLToPath(new URL('../../fixtures/layers/attention/attention.json', import.meta.url));
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Record<string, AttentionCase> }).cases;

export function fixture(name: string): AttentionCase {
  const c = cases[name];
  if (!c) throw new Error(`no attention fixture '${name}'`);
  return c;
}

export const toTensor = (t: TensorJson): Tensor => tsr.tensor(t.data, t.shape);
export const toMask = (t: TensorJson | null | undefined): Tensor | null => (t ? tsr.cast(toTensor(t), 'bool') : null);

/** Every value within `tol` of PyTorch's (absolute; the values are O(1)). */
export function expectClose(got: Tensor, want: TensorJson, tol = 1e-4, what = 'output'): void {
  expect([...got.shape], `${what}: shape`).toEqual(want.shape);
  const d = got.dataSync();
  let worst = 0;
  for (let i = 0; i < d.length; i++) worst = Math.max(worst, Math.abs(Number(d[i]) - want.data[i]!));
  expect(worst, `${what}: largest difference from PyTorch`).toBeLessThan(tol);
}

/** Builds `layer` on the case's inputs, sets its weights, applies it with the case's masks and options. */
export function runCase(layer: Layer, c: AttentionCase): Tensor[] {
  tsr.setBackend('reference');
  const inputs = c.inputs ? c.inputs.map(toTensor) : toTensor(c.input!);
  layer.apply(inputs);
  layer.setWeights(c.weights.map(toTensor));
  const mask = c.masks ? c.masks.map(toMask) : toMask(c.mask);
  const kwargs = { ...(c.kwargs ?? {}), ...(c.attentionMask ? { attentionMask: toMask(c.attentionMask) } : {}) };
  const out = layer.apply(inputs, { mask, kwargs });
  return Array.isArray(out) ? out : [out];
}

/** Runs the named case on `make(args)` and compares every output with PyTorch's. */
export function expectCase(name: string, make: (args: Record<string, unknown>) => Layer, tol = 1e-4): Tensor[] {
  const c = fixture(name);
  const out = runCase(make(c.args), c);
  const want = c.outputs ?? [c.output!];
  expect(out.length, `${name}: number of outputs`).toBe(want.length);
  want.forEach((w, i) => expectClose(out[i]!, w, tol, `${name} output ${i}`));
  return out;
}

/** The named case computed by ONNX Runtime (the graph built as on the reference backend) against PyTorch. */
export async function expectCaseOnnx(name: string, make: (args: Record<string, unknown>) => Layer, tol = 1e-4): Promise<void> {
  const c = fixture(name);
  const out = runCase(make(c.args), c);
  tsr.setBackend('onnxruntime');
  try {
    const values = await Promise.all(out.map((t) => t.data()));
    const want = c.outputs ?? [c.output!];
    values.forEach((v, i) => expectClose(tsr.tensor([...v].map(Number), out[i]!.shape), want[i]!, tol, `${name} output ${i} (onnxruntime)`));
  } finally {
    tsr.setBackend('reference');
  }
}
