/**
 * CTC end to end: a per-frame classifier trained by `fit` with the 'ctc' loss (the whole step
 * compiled by jit on ONNX Runtime) learns to read label sequences, which greedy decoding recovers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { ctcGreedyDecode } from '../../src/losses/index.js';

afterEach(() => tsr.setBackend('reference'));

/** Frames carry a noisy one-hot of a symbol (1..3) or of "nothing" (0); labels are the symbol runs. */
function dataset(n: number, time: number, seed: number): { x: tsr.Tensor; y: tsr.Tensor; labels: number[][] } {
  let s = seed;
  const rand = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const x: number[][][] = [], labels: number[][] = [];
  for (let i = 0; i < n; i++) {
    const frames: number[][] = [], seq: number[] = [];
    let prev = 0;
    for (let t = 0; t < time; t++) {
      const sym = rand() < 0.4 ? 0 : 1 + Math.floor(rand() * 3);
      if (sym !== 0 && sym !== prev) seq.push(sym);
      prev = sym;
      frames.push([0, 1, 2, 3].map((k) => (k === sym ? 1 : 0) + 0.1 * (rand() - 0.5)));
    }
    x.push(frames);
    labels.push(seq);
  }
  const maxLen = time;
  const y = labels.map((l) => [...l, ...new Array<number>(maxLen - l.length).fill(-1)]);
  return { x: tsr.tensor(x), y: tsr.tensor(y, [n, maxLen], 'int32'), labels };
}

describe('CTC in fit', () => {
  it('learns to read sequences (onnxruntime, compiled step)', async () => {
    tsr.setBackend('onnxruntime');
    tsr.setSeed(3);
    const { x, y, labels } = dataset(96, 6, 11);
    const model = tsr.sequential([tsr.layers.dense({ units: 4, inputShape: [6, 4] })]);
    model.compile({ optimizer: tsr.optimizers.adam({ learningRate: 0.05 }), loss: 'ctc' });
    const h = await model.fit(x, y, { epochs: 20, batchSize: 32, verbose: 0 });
    const loss = h.history['loss']!;
    expect(loss[loss.length - 1]!).toBeLessThan(loss[0]! / 4);
    const decoded = ctcGreedyDecode((await model.predict(x)) as tsr.Tensor);
    const right = decoded.filter((d, i) => d.join(',') === labels[i]!.join(',')).length;
    expect(right / labels.length).toBeGreaterThan(0.95);
  });
});
