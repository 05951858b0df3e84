/**
 * Forward values of layers against PyTorch: fixtures under test/fixtures/layers/<area>/ (written by
 * the gen_*.py beside them) give a layer's args, an input, its weights in Keras layouts and the
 * PyTorch output. Shared by the convolutional, pooling and reshaping layer tests.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import * as tsr from '../../../src/index.js';
import '../../../src/backends/onnxruntime/node.js';
import type { Layer } from '../../../src/layers/layer.js';
import { expectClose } from '../../helpers/test-op.js';

interface FixtureTensor {
  shape: number[];
  data: number[];
}

export interface TorchCase {
  name: string;
  layer: string;
  args: Record<string, unknown>;
  input: FixtureTensor;
  weights?: FixtureTensor[];
  output: FixtureTensor;
}

export function loadCases(area: string): TorchCase[] {
  const url = new URL(`../../fixtures/layers/${area}/${area}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: TorchCase[] }).cases;
}

/** Builds the case's layer, sets its weights and checks the output on both backends (within 1e-4). */
export async function checkTorchCase(c: TorchCase, make: (args: never) => Layer): Promise<void> {
  tsr.setBackend('reference');
  const layer = make(c.args as never);
  const x = tsr.tensor(c.input.data, c.input.shape);
  layer.apply(x);
  if (c.weights) layer.setWeights(c.weights.map((w) => tsr.tensor(w.data, w.shape)));
  for (const backend of ['reference', 'onnxruntime'] as const) {
    tsr.setBackend(backend);
    try {
      const y = layer.apply(x);
      expect([...y.shape], `${c.name}: output shape`).toEqual(c.output.shape);
      expectClose(await y.data(), c.output.data, 1e-4, 1e-4, `${c.name} (${backend})`);
    } finally {
      tsr.setBackend('reference');
    }
  }
}
