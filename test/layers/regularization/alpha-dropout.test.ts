import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/regularization/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

const ALPHA_P = -1.6732632423543772 * 1.0507009873554805;

describe('alphaDropout', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.alphaDropout({ rate: 0.2, name: 'ad' }), input: [2, 3], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('sets dropped values to SELU\'s saturation and restores mean and variance (Keras\'s a·x + b)', () => {
    tsr.setBackend('reference');
    tsr.setSeed(4);
    const rate = 0.2;
    const a = ((1 - rate) * (1 + rate * ALPHA_P ** 2)) ** -0.5;
    const b = -a * ALPHA_P * rate;
    // Hand values on a constant input: every output is a·1 + b (kept) or a·α' + b (dropped).
    const ones = Array.from(L.alphaDropout({ rate }).apply(tsr.ones([50, 50]), { training: true }).dataSync() as Float32Array);
    const dropped = ones.filter((v) => Math.abs(v - (a * ALPHA_P + b)) < 1e-5).length;
    expect(ones.every((v) => Math.abs(v - (a + b)) < 1e-5 || Math.abs(v - (a * ALPHA_P + b)) < 1e-5)).toBe(true);
    expect(dropped / ones.length).toBeGreaterThan(0.17);
    expect(dropped / ones.length).toBeLessThan(0.23);
    // Standard-normal inputs keep mean 0 and variance 1.
    const x = tsr.randomNormal([200, 200], { key: tsr.randomKey(1) });
    const y = Array.from(L.alphaDropout({ rate }).apply(x, { training: true }).dataSync() as Float32Array);
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    const variance = y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    expect(L.alphaDropout({ rate }).apply(x)).toBe(x);
  });

  it('saves its config and rejects a bad rate', () => {
    expect(L.alphaDropout({ rate: 0.1, noiseShape: [null, 1], seed: 3 }).getConfig()).toMatchObject({ rate: 0.1, noiseShape: [null, 1], seed: 3 });
    expect(() => L.alphaDropout({ rate: 2 })).toThrow('alphaDropout: rate must be a number in [0, 1). Received: rate=2');
  });
});
