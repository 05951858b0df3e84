import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/activation/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

const values = (layer: tsr.layers.Layer, x: number[]): number[] => {
  tsr.setBackend('reference');
  return Array.from(layer.apply(tsr.tensor([x])).dataSync() as Float32Array, (v) => Number(v.toFixed(5)));
};

describe('reLU', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.reLU({ name: 'r' }), input: { shape: [2, 5], avoid: [0] }, expectedOutputShape: [2, 5], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.reLU({ maxValue: 1, negativeSlope: 0.1, threshold: 0.5, name: 'r2' }), input: { shape: [2, 5], avoid: [0.5, 1] }, expectedOutputShape: [2, 5] });
  });

  it('computes Keras values for each option (hand values)', () => {
    const x = [-10, -5, 0, 0.5, 5, 10];
    expect(values(L.reLU(), x)).toEqual([0, 0, 0, 0.5, 5, 10]);
    expect(values(L.reLU({ maxValue: 6 }), x)).toEqual([0, 0, 0, 0.5, 5, 6]);
    expect(values(L.reLU({ negativeSlope: 0.5 }), x)).toEqual([-5, -2.5, 0, 0.5, 5, 10]);
    // Keras: x where x > threshold, else 0 (x = threshold gives 0).
    expect(values(L.reLU({ threshold: 5 }), x)).toEqual([0, 0, 0, 0, 0, 10]);
    // Below the threshold: negativeSlope·(x − threshold).
    expect(values(L.reLU({ negativeSlope: 0.1, threshold: 1 }), x)).toEqual([-1.1, -0.6, -0.1, -0.05, 5, 10]);
    expect(values(L.reLU({ maxValue: 4, negativeSlope: 0.2 }), x)).toEqual([-2, -1, 0, 0.5, 4, 4]);
  });

  it('saves its options and rejects negative ones', () => {
    expect(L.reLU({ maxValue: 6 }).getConfig()).toMatchObject({ maxValue: 6, negativeSlope: 0, threshold: 0 });
    expect(() => L.reLU({ maxValue: -1 })).toThrow('reLU: maxValue must be a finite number ≥ 0 or null. Received: maxValue=-1');
    expect(() => L.reLU({ negativeSlope: -0.1 })).toThrow('reLU: negativeSlope must be a finite number ≥ 0. Received: negativeSlope=-0.1');
    expect(() => L.reLU({ threshold: -1 })).toThrow('reLU: threshold must be a finite number ≥ 0. Received: threshold=-1');
  });
});
