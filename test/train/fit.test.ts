import { afterEach, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import '../../src/backends/onnxruntime/node.js';
import type { Tensor } from '../../src/index.js';

/** Two Gaussian blobs in 4-D, labels 0/1: a small task every model must learn. */
function blobs(n: number, seed: number): { x: Tensor; y: Tensor } {
  let s = seed;
  const rand = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    for (let k = 0; k < 4; k++) x.push(gauss() * 0.7 + (c ? 1 : -1) * (k % 2 ? 0.8 : -0.8));
    y.push(c);
  }
  return { x: tsr.tensor(x, [n, 4]), y: tsr.tensor(y, [n], 'int32') };
}

function mlp(seed = 1): tsr.Sequential {
  tsr.setSeed(seed);
  return tsr.sequential([
    tsr.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }),
    tsr.layers.dense({ units: 2 }),
  ]);
}

afterEach(() => tsr.setBackend('reference'));

describe.each(['reference', 'onnxruntime'])('fit on %s', (backend) => {
  it('learns two blobs; history, evaluate and predict agree', async () => {
    tsr.setBackend(backend);
    const { x, y } = blobs(256, 3);
    const m = mlp();
    m.compile({ optimizer: tsr.optimizers.adam({ learningRate: 0.01 }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const h = await m.fit(x, y, { epochs: 5, batchSize: 32, verbose: 0, validationSplit: 0.25 });
    expect(h.epoch).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(h.history).sort()).toEqual(['accuracy', 'learning_rate', 'loss', 'val_accuracy', 'val_loss']);
    const losses = h.history['loss']!;
    expect(losses[4]!).toBeLessThan(losses[0]!);
    expect(h.history['val_accuracy']![4]!).toBeGreaterThanOrEqual(0.95);
    expect(m.optimizer!.iterations).toBe(5 * 6);
    const [loss, acc] = (await m.evaluate(x, y, { batchSize: 50 })) as number[];
    const probs = (await m.predict(x, { batchSize: 100 })) as Tensor;
    expect(probs.shape).toEqual([256, 2]);
    // evaluate's numbers equal those computed from predict's outputs.
    const direct = tsr.sparseCategoricalCrossentropy(y, probs, { fromLogits: true }).item();
    expect(loss!).toBeCloseTo(direct, 4);
    const hits = tsr.sum(tsr.cast(tsr.equal(tsr.argmax(probs, -1), y), 'float32')).item() / 256;
    expect(acc!).toBeCloseTo(hits, 6);
  });
});

describe('fit options', () => {
  it('reference and onnxruntime train to the same weights', async () => {
    const { x, y } = blobs(64, 5);
    const run = async (backend: string): Promise<Float32Array[]> => {
      tsr.setBackend(backend);
      const m = mlp(7);
      m.compile({ optimizer: 'sgd', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });
      await m.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
      return m.getWeights().map((w) => w.dataSync() as Float32Array);
    };
    const a = await run('reference');
    const b = await run('onnxruntime');
    a.forEach((w, i) => w.forEach((v, k) => expect(b[i]![k]!).toBeCloseTo(v, 4)));
  });

  it('applies classWeight and sampleWeight as Keras (weighted mean over the batch)', async () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[1, 0, 0, 0], [0, 1, 0, 0]]);
    const y = tsr.tensor([0, 1], [2], 'int32');
    const m = mlp(2);
    m.compile({ optimizer: tsr.optimizers.sgd({ learningRate: 0 }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });
    const probs = (await m.predict(x)) as Tensor;
    const per = tsr.sparseCategoricalCrossentropy(y, probs, { fromLogits: true, reduction: 'none' }).dataSync() as Float32Array;
    const h1 = await m.fit(x, y, { epochs: 1, verbose: 0, shuffle: false, classWeight: { 0: 3, 1: 0.5 } });
    expect(h1.history['loss']![0]!).toBeCloseTo((3 * per[0]! + 0.5 * per[1]!) / 2, 5);
    const h2 = await m.fit(x, y, { epochs: 1, verbose: 0, shuffle: false, sampleWeight: tsr.tensor([0, 2]) });
    expect(h2.history['loss']![0]!).toBeCloseTo((2 * per[1]!) / 2, 5);
  });

  it('calls custom callbacks with Keras hook names and stops on stopTraining', async () => {
    tsr.setBackend('reference');
    const { x, y } = blobs(64, 9);
    const m = mlp();
    m.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });
    const calls: string[] = [];
    class Recorder extends tsr.callbacks.Callback {
      override async onTrainBegin() { calls.push('trainBegin'); }
      override async onEpochBegin(e: number) { calls.push(`epochBegin${e}`); }
      override async onTrainBatchEnd(b: number, logs?: tsr.callbacks.Logs) { calls.push(`batch${b}:${Number.isFinite(logs?.['loss']) ? 'loss' : '?'}`); }
      override async onEpochEnd(e: number) { calls.push(`epochEnd${e}`); if (e === 1) this.model!.stopTraining = true; }
      override async onTrainEnd() { calls.push('trainEnd'); }
    }
    const h = await m.fit(x, y, { epochs: 5, batchSize: 32, verbose: 0, callbacks: [new Recorder()], initialEpoch: 0 });
    expect(calls).toEqual(['trainBegin', 'epochBegin0', 'batch0:loss', 'batch1:loss', 'epochEnd0', 'epochBegin1', 'batch0:loss', 'batch1:loss', 'epochEnd1', 'trainEnd']);
    expect(h.epoch).toEqual([0, 1]);
  });

  it('accepts a dataset of batches and validationData; validationFreq skips epochs', async () => {
    tsr.setBackend('reference');
    const { x, y } = blobs(64, 11);
    const m = mlp();
    m.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const ds = {
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < 64; i += 16) yield [tsr.slice(x, [i, 0], [16, 4]), tsr.slice(y, [i], [16])] as const;
      },
    };
    const h = await m.fit(ds, { epochs: 3, verbose: 0, validationData: [x, y], validationFreq: 2 });
    expect(h.history['loss']!.length).toBe(3);
    expect(h.history['val_loss']!.length).toBe(1);
  });

  it('trains a multi-output functional model with lossWeights and per-output logs', async () => {
    tsr.setBackend('reference');
    const { x, y } = blobs(64, 13);
    const inp = tsr.input({ shape: [4] });
    const h = tsr.layers.dense({ units: 8, activation: 'relu' }).apply(inp);
    const cls = tsr.layers.dense({ units: 2, name: 'cls' }).apply(h);
    const reg = tsr.layers.dense({ units: 1, name: 'reg' }).apply(h);
    const m = tsr.model({ inputs: inp, outputs: [cls, reg] });
    m.compile({ optimizer: 'adam', loss: [tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), 'mse'], lossWeights: [1, 0.5], metrics: [['accuracy'], []] });
    const target = tsr.reshape(tsr.cast(y, 'float32'), [64, 1]);
    const hist = await m.fit(x, [y, target], { epochs: 2, batchSize: 64, verbose: 0, shuffle: false });
    expect(Object.keys(hist.history).sort()).toEqual(['cls_accuracy', 'cls_loss', 'learning_rate', 'loss', 'reg_loss']);
    const l = hist.history;
    expect(l['loss']![0]!).toBeCloseTo(l['cls_loss']![0]! + l['reg_loss']![0]!, 5);
  });

  it('trainOnBatch, testOnBatch and predictOnBatch work on one batch', async () => {
    tsr.setBackend('reference');
    const { x, y } = blobs(16, 17);
    const m = mlp();
    m.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const [l0] = await m.testOnBatch(x, y);
    const [t0] = await m.trainOnBatch(x, y);
    expect(t0!).toBeCloseTo(l0!, 5);
    const p = (await m.predictOnBatch(x)) as Tensor;
    expect(p.shape).toEqual([16, 2]);
  });

  it('predict carries a stateful RNN\'s states from batch to batch on ONNX Runtime, as eager calls do', async () => {
    tsr.setBackend('reference');
    tsr.setSeed(3);
    const m = tsr.sequential([tsr.layers.lstm({ units: 3, stateful: true, batchInputShape: [2, 4, 2] }), tsr.layers.dense({ units: 1 })]);
    const x = tsr.randomNormal([4, 4, 2], { key: tsr.randomKey(1) });
    const eager = [tsr.slice(x, [0, 0, 0], [2, -1, -1]), tsr.slice(x, [2, 0, 0], [2, -1, -1])].map((b) => Array.from((m.apply(b) as Tensor).dataSync() as Float32Array));
    (m.layers[0] as unknown as { resetStates(): void }).resetStates();
    tsr.setBackend('onnxruntime');
    const p = Array.from(((await m.predict(x, { batchSize: 2 })) as Tensor).dataSync() as Float32Array);
    eager.flat().forEach((v, i) => expect(p[i]!).toBeCloseTo(v, 5));
  });

  it('rejects bad arguments before training', async () => {
    tsr.setBackend('reference');
    const m = mlp();
    await expect(m.fit(tsr.zeros([4, 4]), tsr.zeros([4]))).rejects.toThrow(/call compile/);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    await expect(m.fit(tsr.zeros([4, 4]), tsr.zeros([3, 2]), { verbose: 0 })).rejects.toThrow(/same number of samples/);
    await expect(m.fit(tsr.zeros([4, 4]), tsr.zeros([4, 2]), { epochs: 0 })).rejects.toThrow(/epochs must be an integer ≥ 1. Received: epochs=0/);
    expect(() => m.compile({ optimizer: 'adam', loss: ['mse', 'mse'] })).toThrow(/has 2 entries but the model has 1 outputs/);
  });
});
