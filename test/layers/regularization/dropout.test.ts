import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import '../../../src/backends/onnxruntime/node.js';
import * as L from '../../../src/layers/regularization/index.js';
import { getMask } from '../../../src/layers/layer.js';
import { runLayerTest } from '../../helpers/layer-test.js';

const valuesOf = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as Float32Array);

describe('dropout', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.dropout({ rate: 0.3, name: 'd' }), input: [4, 6], expectedOutputShape: [4, 6], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.dropout({ rate: 0.5, noiseShape: [null, 1, null], seed: 3, name: 'dn' }), input: [2, 3, 4], expectedOutputShape: [2, 3, 4] });
  });

  it('scales kept values by 1/(1 − rate), drops about `rate`, and is the identity at inference', () => {
    tsr.setBackend('reference');
    tsr.setSeed(0);
    const x = tsr.ones([100, 100]);
    const layer = L.dropout({ rate: 0.25 });
    const y = valuesOf(layer.apply(x, { training: true }));
    const zeros = y.filter((v) => v === 0).length / y.length;
    expect(zeros).toBeGreaterThan(0.23);
    expect(zeros).toBeLessThan(0.27);
    for (const v of y) expect(v === 0 || Math.abs(v - 4 / 3) < 1e-6).toBe(true);
    expect(layer.apply(x)).toBe(x);
    expect(L.dropout({ rate: 0 }).apply(x, { training: true })).toBe(x);
  });

  it('shares the mask along noiseShape\'s 1 axes and passes the input mask on', () => {
    tsr.setBackend('reference');
    tsr.setSeed(2);
    const y = L.dropout({ rate: 0.5, noiseShape: [null, 1, null] }).apply(tsr.ones([4, 5, 6]), { training: true, mask: tsr.ones([4, 5], 'bool') });
    const arr = y.arraySync() as number[][][];
    for (const sample of arr) for (let f = 0; f < 6; f++) expect(new Set(sample.map((step) => step[f])).size).toBe(1);
    expect(getMask(y)!.shape).toEqual([4, 5]);
  });

  it('draws a new mask per call; a seed makes the sequence repeatable', () => {
    tsr.setBackend('reference');
    const x = tsr.ones([8, 8]);
    const unseeded = L.dropout({ rate: 0.5 });
    expect(valuesOf(unseeded.apply(x, { training: true }))).not.toEqual(valuesOf(unseeded.apply(x, { training: true })));
    const a = L.dropout({ rate: 0.5, seed: 7 }), b = L.dropout({ rate: 0.5, seed: 7 });
    const a1 = valuesOf(a.apply(x, { training: true })), a2 = valuesOf(a.apply(x, { training: true }));
    expect(a1).not.toEqual(a2);
    expect(valuesOf(b.apply(x, { training: true }))).toEqual(a1);
    expect(valuesOf(b.apply(x, { training: true }))).toEqual(a2);
  });

  it('draws fresh masks on every call of a compiled (jit) function', async () => {
    tsr.setBackend('onnxruntime');
    try {
      const layer = L.dropout({ rate: 0.5 });
      const step = tsr.jit((x: tsr.Tensor) => layer.apply(x, { training: true }));
      const x = tsr.ones([16, 16]);
      const first = Array.from((await step(x)).dataSync() as Float32Array);
      const second = Array.from((await step(x)).dataSync() as Float32Array);
      expect(first).not.toEqual(second);
      for (const v of [...first, ...second]) expect(v === 0 || v === 2).toBe(true);
      // A seeded layer's key is reported to the trace too, so its mask does not freeze either.
      const seeded = L.dropout({ rate: 0.5, seed: 3 });
      const seededStep = tsr.jit((t: tsr.Tensor) => seeded.apply(t, { training: true }));
      const s1 = Array.from((await seededStep(x)).dataSync() as Float32Array);
      expect(Array.from((await seededStep(x)).dataSync() as Float32Array)).not.toEqual(s1);
    } finally {
      tsr.setBackend('reference');
    }
  });

  it('saves rate, noiseShape and seed, and rejects bad arguments', () => {
    expect(L.dropout({ rate: 0.1, noiseShape: [null, 1], seed: 4 }).getConfig()).toMatchObject({ rate: 0.1, noiseShape: [null, 1], seed: 4 });
    expect(() => L.dropout({ rate: 1 })).toThrow('dropout: rate must be a number in [0, 1). Received: rate=1');
    expect(() => L.dropout({ rate: -0.1 })).toThrow('Received: rate=-0.1');
    expect(() => L.dropout({ rate: 0.5, noiseShape: [0, 1] })).toThrow('dropout: noiseShape must be a list of positive integers or null. Received: noiseShape=[0,1]');
    expect(() => L.dropout({ rate: 0.5, seed: 1.5 })).toThrow('dropout: seed must be an integer or null. Received: seed=1.5');
    expect(() => L.dropout({ rate: 0.5, noiseShape: [null, 3], name: 'dr' }).apply(tsr.ones([2, 4]), { training: true }))
      .toThrow('dr: noiseShape must have one entry per input axis, each 1, null or the input\'s size. Received: noiseShape=[null,3] for input shape [2,4]');
  });
});
