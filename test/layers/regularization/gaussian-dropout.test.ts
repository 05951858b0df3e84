import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/regularization/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('gaussianDropout', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.gaussianDropout({ rate: 0.2, name: 'gd' }), input: [2, 3], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('multiplies by N(1, rate/(1 − rate)) noise while training; the identity at inference', () => {
    tsr.setBackend('reference');
    tsr.setSeed(6);
    const x = tsr.full([100, 100], 2);
    const layer = L.gaussianDropout({ rate: 0.5 });
    const y = Array.from(layer.apply(x, { training: true }).dataSync() as Float32Array, (v) => v / 2);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const std = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
    expect(mean).toBeCloseTo(1, 1);
    expect(std).toBeCloseTo(1, 1); // √(0.5 / 0.5)
    expect(layer.apply(x)).toBe(x);
  });

  it('saves rate and seed, and rejects a bad rate', () => {
    expect(L.gaussianDropout({ rate: 0.3, seed: 2 }).getConfig()).toMatchObject({ rate: 0.3, seed: 2 });
    expect(() => L.gaussianDropout({ rate: 1 })).toThrow('gaussianDropout: rate must be a number in [0, 1). Received: rate=1');
  });
});
