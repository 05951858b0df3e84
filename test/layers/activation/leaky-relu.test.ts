import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/activation/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('leakyReLU', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.leakyReLU({ name: 'l' }), input: { shape: [2, 5], avoid: [0] }, expectedOutputShape: [2, 5], expectedWeightShapes: [] });
  });

  it('uses Keras 3\'s layer default slope 0.3 (hand values)', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[-2, -0.5, 0, 3]]);
    const v = (layer: tsr.layers.Layer): number[] => Array.from(layer.apply(x).dataSync() as Float32Array, (a) => Number(a.toFixed(5)));
    expect(v(L.leakyReLU())).toEqual([-0.6, -0.15, 0, 3]);
    expect(v(L.leakyReLU({ negativeSlope: 0.1 }))).toEqual([-0.2, -0.05, 0, 3]);
    expect(L.leakyReLU().getConfig()).toMatchObject({ negativeSlope: 0.3 });
    expect(() => L.leakyReLU({ negativeSlope: -1 })).toThrow('leakyReLU: negativeSlope must be a finite number ≥ 0. Received: negativeSlope=-1');
  });
});
