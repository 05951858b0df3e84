import { afterEach, describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import '../../../src/backends/onnxruntime/node.js';
import type { Tensor } from '../../../src/index.js';
import * as rec from '../../../src/layers/recurrent/index.js';

afterEach(() => tsr.setBackend('reference'));

/** Sequences [n, 6, 2] labelled by the sign of the sum of their first feature. */
function signTask(n: number, seed: number): { x: Tensor; y: Tensor } {
  const x = tsr.randomNormal([n, 6, 2], { key: tsr.randomKey(seed) });
  const y = tsr.cast(tsr.greater(tsr.sum(tsr.slice(x, [0, 0, 0], [-1, -1, 1]), [1, 2]), 0), 'int32');
  return { x, y };
}

describe('recurrent layers in compiled training (model.fit)', () => {
  it('an LSTM and a bidirectional GRU learn the sign of a running sum', async () => {
    tsr.setBackend('onnxruntime');
    const { x, y } = signTask(128, 1);
    tsr.setSeed(2);
    const m = tsr.sequential([
      rec.bidirectional({ layer: rec.gru({ units: 6, returnSequences: true }), inputShape: [6, 2] }),
      rec.lstm({ units: 8 }),
      tsr.layers.dense({ units: 2 }),
    ]);
    m.compile({ optimizer: tsr.optimizers.adam({ learningRate: 0.03 }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const h = await m.fit(x, y, { epochs: 8, batchSize: 32, verbose: 0 });
    const loss = h.history['loss']!;
    expect(loss[loss.length - 1]!).toBeLessThan(loss[0]! * 0.6);
    expect(h.history['accuracy']![loss.length - 1]!).toBeGreaterThan(0.85);
  });

  it('a stateful GRU carries its states from batch to batch through the compiled step', async () => {
    tsr.setBackend('onnxruntime');
    const { x, y } = signTask(8, 3);
    tsr.setSeed(4);
    // After another layer: the step input is computed inside the step, not fed.
    const first = rec.timeDistributed({ layer: tsr.layers.dense({ units: 3 }), batchInputShape: [4, 6, 2] });
    const layer = rec.gru({ units: 3, stateful: true });
    const m = tsr.sequential([first, layer, tsr.layers.dense({ units: 2 })]);
    // Learning rate 0: the weights stay, so the states must be what two eager batches give.
    m.compile({ optimizer: tsr.optimizers.sgd({ learningRate: 0 }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });
    expect(m.nonTrainableWeights).toEqual(layer.states);
    await m.fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
    const fitted = layer.states.map((s) => [...s.dataSync()].map(Number));
    tsr.setBackend('reference');
    layer.resetStates();
    layer.apply(first.apply(tsr.slice(x, [0, 0, 0], [4, -1, -1])));
    layer.apply(first.apply(tsr.slice(x, [4, 0, 0], [4, -1, -1])));
    const eager = layer.states.map((s) => [...s.dataSync()].map(Number));
    expect(eager[0]!.some((v) => v !== 0)).toBe(true);
    fitted[0]!.forEach((v, i) => expect(v).toBeCloseTo(eager[0]![i]!, 5));
  });
});
