/**
 * ONNX fuzz: models made in memory (Tessera's own export of a small CNN and MLP) and PyTorch's MLP
 * fixture, edited on the protobuf wire — length prefixes forged, varints (dims, data types, opset,
 * attribute values) replaced, fields deleted or duplicated, payloads (raw_data, names) damaged, with
 * the enclosing lengths fixed up so the edit reaches the reader. loadOnnx, then a prediction on
 * zeros when the inputs are small, must work or throw a TesseraError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { exportOnnx } from '../../src/io/onnx-export.js';
import { expectBothOutcomes, fuzz, fuzzCases, LONG_RUN, FUZZ_TEST_TIMEOUT } from './harness.js';
import { mutateProtobuf, type Rng } from './mutate.js';

const seeds: Uint8Array[] = [];
const originals: tsr.Model[] = [];

beforeAll(async () => {
  tsr.setBackend('reference');
  tsr.setSeed(11);
  const cnn = tsr.sequential([
    tsr.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [5, 5, 1] }),
    tsr.layers.maxPooling2d({ poolSize: 2 }),
    tsr.layers.flatten(),
    tsr.layers.dense({ units: 3, activation: 'softmax' }),
  ]);
  const mlp = tsr.sequential([tsr.layers.dense({ units: 4, activation: 'tanh', inputShape: [3] }), tsr.layers.layerNormalization(), tsr.layers.dense({ units: 2 })]);
  originals.push(cnn, mlp);
  seeds.push(await exportOnnx(cnn), await exportOnnx(mlp));
  seeds.push(new Uint8Array(readFileSync(join(import.meta.dirname, '../io/onnx-import/fixtures/mlp.onnx'))));
});

/** Predicts on zeros when every input is small (a hostile graph may ask for huge inputs; that is not the loader's doing). */
async function predictSmall(model: tsr.OnnxModel): Promise<void> {
  const shapes = model.inputShapes.map((s) => s.map((d, axis) => (axis === 0 ? 1 : d)));
  if (shapes.some((s) => s.some((d) => d === null)) || shapes.some((s) => (s as number[]).reduce((a, b) => a * b, 1) > 10_000)) return;
  const xs = shapes.map((s, i) => tsr.zeros(s as number[], model.inputDtypes[i] === 'bool' ? 'bool' : model.inputDtypes[i]));
  const out = await model.predict(xs.length === 1 ? xs[0]! : xs);
  for (const t of Array.isArray(out) ? out : [out]) await t.data();
}

describe('ONNX fuzz', () => {
  it('the seeds are valid: each exported model loads back and predicts what the original does (max pooling exports IsNaN)', async () => {
    const x = [tsr.randomNormal([2, 5, 5, 1], { key: tsr.randomKey(3) }), tsr.tensor([[1, -2, 0.5], [0, 3, -1]])];
    for (const [i, original] of originals.entries()) {
      const want = (await (await original.predict(x[i]!) as tsr.Tensor).data()) as Float32Array;
      const got = (await (await (await tsr.loadOnnx(seeds[i]!)).predict(x[i]!) as tsr.Tensor).data()) as Float32Array;
      expect(got.length).toBe(want.length);
      got.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 5));
    }
  });

  it('every mutated model loads (and predicts) or throws a TesseraError', async () => {
    const stats = await fuzz('onnx', { cases: fuzzCases(600), caseTimeoutMs: LONG_RUN ? 10_000 : 5_000 }, (rng: Rng, i) => {
      let bytes = seeds[i % seeds.length]!;
      for (let k = 1 + rng.int(2); k > 0; k--) bytes = mutateProtobuf(rng, bytes);
      return bytes;
    }, async (bytes) => {
      const model = await tsr.loadOnnx(bytes);
      expect(model.graph.nodes.length).toBeGreaterThan(0);
      await predictSmall(model);
    });
    expectBothOutcomes(stats);
  }, FUZZ_TEST_TIMEOUT);
});
