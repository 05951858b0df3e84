/**
 * Each model family of the seeds learns a small synthetic task to a stated threshold through
 * compile/fit/evaluate, on ONNX Runtime (the default backend), within a few seconds each.
 */
import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import '../../src/backends/onnxruntime/node.js';
import type { Tensor } from '../../src/index.js';

const L = tsr.layers;

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/** 8×8 images of a horizontal (0) or vertical (1) bar at a random position, with noise. */
function bars(n: number, seed: number): { x: Tensor; y: Tensor } {
  const r = rng(seed);
  const x = new Float32Array(n * 64), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cls = i % 2, pos = Math.floor(r() * 8);
    y[i] = cls;
    for (let k = 0; k < 64; k++) x[i * 64 + k] = r() * 0.3;
    for (let k = 0; k < 8; k++) x[i * 64 + (cls ? k * 8 + pos : pos * 8 + k)] = 1;
  }
  return { x: tsr.tensor(x, [n, 8, 8, 1]), y: tsr.tensor(y, [n], 'int32') };
}

async function trainAndScore(model: tsr.Model, x: Tensor, y: Tensor, epochs: number, batchSize = 32, learningRate = 0.01): Promise<number[]> {
  model.compile({ optimizer: tsr.optimizers.adam({ learningRate }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
  await model.fit(x, y, { epochs, batchSize, verbose: 0 });
  return (await model.evaluate(x, y)) as number[];
}

describe('model families learn small tasks', () => {
  it('CNN 2D: bar orientation ≥ 95%', async () => {
    tsr.setBackend('onnxruntime');
    tsr.setSeed(1);
    const { x, y } = bars(256, 1);
    const m = tsr.sequential([L.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }), L.maxPooling2d({ poolSize: 2 }), L.flatten(), L.dense({ units: 2 })]);
    const [, acc] = await trainAndScore(m, x, y, 6);
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });

  it('CNN 1D: slow vs fast sine ≥ 95%', async () => {
    tsr.setBackend('onnxruntime');
    tsr.setSeed(2);
    const r = rng(2), n = 256, T = 32;
    const x = new Float32Array(n * T), y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      const f = y[i] ? 0.35 : 0.08, phase = r() * 6.28;
      for (let t = 0; t < T; t++) x[i * T + t] = Math.sin(f * 2 * Math.PI * t + phase) + (r() - 0.5) * 0.3;
    }
    const m = tsr.sequential([L.conv1d({ filters: 8, kernelSize: 5, activation: 'relu', padding: 'causal', inputShape: [T, 1] }), L.globalMaxPooling1d(), L.dense({ units: 2 })]);
    const [, acc] = await trainAndScore(m, tsr.tensor(x, [n, T, 1]), tsr.tensor(y, [n], 'int32'), 10);
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });

  it('CNN 3D: where a moving blob goes (left→right or right→left) ≥ 95%', async () => {
    tsr.setBackend('onnxruntime');
    tsr.setSeed(3);
    const r = rng(3), n = 128, F = 4, S = 8;
    const x = new Float32Array(n * F * S * S), y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      const row = 2 + Math.floor(r() * 4);
      for (let f = 0; f < F; f++) {
        const col = y[i] ? 1 + f * 2 : 7 - f * 2;
        for (let k = 0; k < S * S; k++) x[((i * F + f) * S * S) + k] = r() * 0.2;
        x[((i * F + f) * S + row) * S + col] = 1;
      }
    }
    const m = tsr.sequential([L.conv3d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [F, S, S, 1] }), L.maxPooling3d({ poolSize: [1, 2, 2] }), L.flatten(), L.dense({ units: 2 })]);
    const [, acc] = await trainAndScore(m, tsr.tensor(x, [n, F, S, S, 1]), tsr.tensor(y, [n], 'int32'), 20);
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });

  it('conv autoencoder: reconstructs bars to MSE < 0.02 (from > 0.1)', async () => {
    tsr.setBackend('onnxruntime');
    tsr.setSeed(4);
    const { x } = bars(256, 4);
    const m = tsr.sequential([
      L.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 1] }),
      L.maxPooling2d({ poolSize: 2 }),
      L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
      L.upSampling2d({ size: 2 }),
      L.conv2dTranspose({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
      L.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }),
    ]);
    m.compile({ optimizer: tsr.optimizers.adam({ learningRate: 0.01 }), loss: 'mse' });
    const [before] = (await m.evaluate(x, x)) as number[];
    await m.fit(x, x, { epochs: 15, batchSize: 32, verbose: 0 });
    const [after] = (await m.evaluate(x, x)) as number[];
    expect(before).toBeGreaterThan(0.1);
    expect(after).toBeLessThan(0.02);
  });

  it('Embedding + LSTM: is token 7 anywhere in a padded sequence? ≥ 95%', async () => {
    tsr.setBackend('onnxruntime');
    tsr.setSeed(5);
    const r = rng(5), n = 256, T = 12;
    const x = new Int32Array(n * T), y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      const len = 4 + Math.floor(r() * (T - 4));
      for (let t = 0; t < len; t++) x[i * T + t] = 1 + Math.floor(r() * 6); // tokens 1..6, 0 pads
      if (y[i]) x[i * T + Math.floor(r() * len)] = 7;
    }
    const m = tsr.sequential([L.embedding({ inputDim: 8, outputDim: 8, maskZero: true, inputShape: [T] }), L.lstm({ units: 16 }), L.dense({ units: 2 })]);
    const [, acc] = await trainAndScore(m, tsr.tensor(x, [n, T], 'int32'), tsr.tensor(y, [n], 'int32'), 12);
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });

  it('Transformer encoder: does a token appear twice in the sequence? ≥ 95%', async () => {
    tsr.setBackend('onnxruntime');
    tsr.setSeed(6);
    const r = rng(6), n = 512, T = 6;
    const x = new Int32Array(n * T), y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      // Distinct tokens from 1..9; positive sequences copy one of them to another position.
      const pool = [1, 2, 3, 4, 5, 6, 7, 8, 9].sort(() => r() - 0.5);
      for (let t = 0; t < T; t++) x[i * T + t] = pool[t]!;
      if (y[i]) {
        const a = Math.floor(r() * T);
        let b = Math.floor(r() * T);
        while (b === a) b = Math.floor(r() * T);
        x[i * T + b] = x[i * T + a]!;
      }
    }
    const inp = tsr.input({ shape: [T], dtype: 'int32' });
    let h = L.tokenAndPositionEmbedding({ vocabularySize: 10, sequenceLength: T, embeddingDim: 16 }).apply(inp);
    h = L.transformerEncoder({ intermediateDim: 32, numHeads: 2 }).apply(h);
    const m = tsr.model({ inputs: inp, outputs: L.dense({ units: 2 }).apply(L.globalAveragePooling1d().apply(h)) });
    const [, acc] = await trainAndScore(m, tsr.tensor(x, [n, T], 'int32'), tsr.tensor(y, [n], 'int32'), 60, 32, 0.003);
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });
});
