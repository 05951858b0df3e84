import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function data(n: number): { x: Tensor; y: Tensor } {
  const x = tsr.randomNormal([n, 6], { key: tsr.randomKey(5) });
  const y = tsr.cast(tsr.greater(tsr.sum(x, -1), 0), 'int32');
  return { x, y };
}

function build(): tsr.Sequential {
  tsr.setSeed(42);
  const m = tsr.sequential([
    tsr.layers.dense({ units: 12, activation: 'relu', inputShape: [6] }),
    tsr.layers.dropout({ rate: 0.2 }),
    tsr.layers.dense({ units: 2 }),
  ]);
  m.compile({ optimizer: tsr.optimizers.adam({ learningRate: 0.01 }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
  return m;
}

describe('model files', () => {
  it('save → load → predict is bit-identical, compile config included', async () => {
    tsr.setBackend('reference');
    const { x, y } = data(64);
    const m = build();
    await m.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    await m.save(join(dir, 'a'));
    const m2 = await tsr.loadModel(join(dir, 'a'));
    const p1 = ((await m.predict(x)) as Tensor).dataSync() as Float32Array;
    const p2 = ((await m2.predict(x)) as Tensor).dataSync() as Float32Array;
    expect(Array.from(p2)).toEqual(Array.from(p1));
    expect(m2.optimizer!.className).toBe('Adam');
    expect(m2.optimizer!.iterations).toBe(4);
    const [l1] = (await m.evaluate(x, y)) as number[];
    const [l2] = (await m2.evaluate(x, y)) as number[];
    expect(l2).toBe(l1);
  });

  it('save → load → fit continues exactly as an uninterrupted run (weights, optimizer, data order, dropout)', async () => {
    tsr.setBackend('reference');
    const { x, y } = data(64);
    const straight = build();
    const full = await straight.fit(x, y, { epochs: 4, batchSize: 16, verbose: 0 });
    const first = build();
    const part1 = await first.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
    await first.save(join(dir, 'b'));
    tsr.setSeed(999); // the global key differs after a restart: the run must not depend on it
    const resumed = await tsr.loadModel(join(dir, 'b'));
    const part2 = await resumed.fit(x, y, { epochs: 4, initialEpoch: 2, batchSize: 16, verbose: 0 });
    expect([...part1.history['loss']!, ...part2.history['loss']!]).toEqual(full.history['loss']);
    const w1 = straight.getWeights().map((w) => Array.from(w.dataSync() as Float32Array));
    const w2 = resumed.getWeights().map((w) => Array.from(w.dataSync() as Float32Array));
    expect(w2).toEqual(w1);
  });

  it('names the file and the problem when a saved model is damaged', async () => {
    tsr.setBackend('reference');
    const m = build();
    await m.fit(tsr.zeros([4, 6]), tsr.zeros([4], 'int32'), { epochs: 1, verbose: 0 });
    const p = join(dir, 'c');
    await m.save(p);
    await expect(tsr.loadModel(join(dir, 'missing'))).rejects.toThrow(/cannot read .*missing\/config.json/);
    const weights = join(p, 'model.weights.safetensors');
    const good = readFileSync(weights);
    writeFileSync(weights, good.subarray(0, good.length - 3));
    await expect(tsr.loadModel(p)).rejects.toThrow(/model.weights.safetensors: not a valid safetensors file/);
    writeFileSync(weights, good);
    const cfg = JSON.parse(readFileSync(join(p, 'config.json'), 'utf8'));
    cfg.model.config.layers[0].config.units = 13;
    writeFileSync(join(p, 'config.json'), JSON.stringify(cfg));
    await expect(tsr.loadModel(p)).rejects.toThrow(/has shape \[6,12\], the model's .* expects \[6,13\]/);
    cfg.model.className = 'Evil';
    writeFileSync(join(p, 'config.json'), JSON.stringify(cfg));
    await expect(tsr.loadModel(p)).rejects.toThrow(/unknown layer class 'Evil'/);
    writeFileSync(join(p, 'config.json'), '{not json');
    await expect(tsr.loadModel(p)).rejects.toThrow(/not a valid model config/);
  });
});
