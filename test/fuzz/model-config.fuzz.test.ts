/**
 * Native model folder fuzz (loadModel: config.json + model.weights.safetensors + optimizer.safetensors):
 * the config's JSON is edited structurally (layer classes, sizes, shapes, initializers, dtypes, compile
 * config, training key, deep nesting, code-like class names), its text damaged, and the weight files'
 * bytes mutated. Loading — and predicting with what loaded — must work or throw a TesseraError, and a
 * config may never make the loader allocate what its weights file does not hold.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { expectBothOutcomes, fuzz, fuzzCases, LONG_RUN, FUZZ_TEST_TIMEOUT } from './harness.js';
import { jsonText, mutateBytes, mutateJson, type Json, type Rng } from './mutate.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-fuzz-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = ['config.json', 'model.weights.safetensors', 'optimizer.safetensors'] as const;
type Folder = Record<(typeof FILES)[number], Uint8Array>;
const seeds: Folder[] = [];

async function saved(name: string, model: tsr.Model, x: tsr.Tensor, y: tsr.Tensor): Promise<Folder> {
  await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
  const p = join(dir, name);
  await model.save(p);
  return Object.fromEntries(FILES.map((f) => [f, new Uint8Array(readFileSync(join(p, f)))])) as Folder;
}

beforeAll(async () => {
  tsr.setBackend('reference');
  tsr.setSeed(3);
  const cnn = tsr.sequential([
    tsr.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1] }),
    tsr.layers.batchNormalization(),
    tsr.layers.flatten(),
    tsr.layers.dropout({ rate: 0.1 }),
    tsr.layers.dense({ units: 3, activation: 'softmax' }),
  ]);
  cnn.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  seeds.push(await saved('cnn', cnn, tsr.randomNormal([4, 6, 6, 1], { key: tsr.randomKey(1) }), tsr.tensor([0, 1, 2, 1], [4], 'int32')));
  const rnn = tsr.sequential([
    tsr.layers.embedding({ inputDim: 10, outputDim: 4, inputShape: [5] }),
    tsr.layers.lstm({ units: 3 }),
    tsr.layers.dense({ units: 1 }),
  ]);
  rnn.compile({ optimizer: tsr.optimizers.sgd({ learningRate: 0.1, momentum: 0.9 }), loss: 'meanSquaredError' });
  seeds.push(await saved('rnn', rnn, tsr.tensor([1, 2, 3, 4, 5, 0, 9, 8, 7, 6, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2], [4, 5], 'int32'), tsr.zeros([4, 1])));
});

const inputs = (): tsr.Tensor[] => [tsr.zeros([2, 6, 6, 1]), tsr.tensor([1, 2, 3, 4, 5, 0, 0, 0, 0, 0], [2, 5], 'int32')];

function mutate(rng: Rng, index: number): { folder: Folder; seed: number } {
  const seed = index % seeds.length;
  const folder = { ...seeds[seed]! };
  const which = rng.int(10);
  if (which < 7) {
    let config = JSON.parse(new TextDecoder().decode(folder['config.json'])) as Json;
    for (let k = 1 + rng.int(3); k > 0; k--) config = mutateJson(rng, config);
    folder['config.json'] = new TextEncoder().encode(jsonText(config));
  } else if (which === 7) folder['config.json'] = mutateBytes(rng, folder['config.json']);
  else if (which === 8) folder['model.weights.safetensors'] = mutateBytes(rng, folder['model.weights.safetensors']);
  else folder['optimizer.safetensors'] = mutateBytes(rng, folder['optimizer.safetensors']);
  return { folder, seed };
}

describe('model folder fuzz', () => {
  it('every mutated model folder loads (and predicts) or throws a TesseraError', async () => {
    const p = join(dir, 'case');
    mkdirSync(p, { recursive: true });
    const stats = await fuzz('model-config', { cases: fuzzCases(400), caseTimeoutMs: LONG_RUN ? 5000 : 3000 }, mutate, async ({ folder, seed }) => {
      for (const f of FILES) writeFileSync(join(p, f), folder[f]);
      const model = await tsr.loadModel(p);
      const out = await model.predict(inputs()[seed]!);
      for (const t of Array.isArray(out) ? out : [out]) await t.data();
    });
    expectBothOutcomes(stats);
    expect(stats.loaded).toBeGreaterThan(stats.cases / 20);
  }, FUZZ_TEST_TIMEOUT);
});
