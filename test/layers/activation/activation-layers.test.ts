import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

const L = tsr.layers;

describe('activation layers', () => {
  it('pass the layer test', async () => {
    await runLayerTest({ make: () => L.reLU({ maxValue: 1, name: 'r' }), input: { shape: [2, 5], avoid: [0, 1] }, expectedOutputShape: [2, 5] });
    await runLayerTest({ make: () => L.leakyReLU({ name: 'l' }), input: { shape: [2, 5], avoid: [0] }, expectedOutputShape: [2, 5] });
    await runLayerTest({ make: () => L.eLU({ alpha: 0.5, name: 'e' }), input: [2, 5], expectedOutputShape: [2, 5] });
    await runLayerTest({ make: () => L.softmax({ name: 's' }), input: [2, 5], expectedOutputShape: [2, 5] });
    await runLayerTest({ make: () => L.pReLU({ alphaInitializer: 'ones', sharedAxes: [1], name: 'p' }), input: { shape: [2, 3, 4], avoid: [0] }, expectedOutputShape: [2, 3, 4], expectedWeightShapes: [[1, 4]] });
  });

  it('computes Keras hand values', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[-2, -0.5, 0.5, 3, 8]]);
    const v = (l: tsr.Layer): number[] => Array.from(l.apply(x).dataSync() as Float32Array);
    expect(v(L.reLU({ maxValue: 6 }))).toEqual([0, 0, 0.5, 3, 6]);
    expect(v(L.reLU({ negativeSlope: 0.1, threshold: 1 })).map((a) => Number(a.toFixed(5)))).toEqual([-0.3, -0.15, -0.05, 3, 8]);
    expect(v(L.leakyReLU()).map((a) => Number(a.toFixed(5)))).toEqual([-0.6, -0.15, 0.5, 3, 8]);
    expect(v(L.eLU({ alpha: 2 }))[0]!).toBeCloseTo(2 * (Math.exp(-2) - 1), 6);
    const masked = L.softmax().apply(tsr.tensor([[1, 2, 3]]), { mask: tsr.tensor([[true, true, false]]) }).dataSync();
    expect(masked[2]!).toBeCloseTo(0, 6);
    expect(masked[1]!).toBeCloseTo(Math.E / (1 + Math.E), 6);
  });
});
