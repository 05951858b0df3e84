import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/regularization/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

function meanStd(v: ArrayLike<number>): [number, number] {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i]!;
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i]! - m) ** 2;
  return [m, Math.sqrt(s / v.length)];
}

describe('gaussianNoise', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.gaussianNoise({ stddev: 0.1, name: 'gn' }), input: [2, 3], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('adds N(0, stddev²) noise while training; the identity at inference', () => {
    tsr.setBackend('reference');
    tsr.setSeed(5);
    const x = tsr.full([100, 100], 3);
    const layer = L.gaussianNoise({ stddev: 0.5 });
    const [m, s] = meanStd(tsr.sub(layer.apply(x, { training: true }), x).dataSync() as Float32Array);
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(s).toBeCloseTo(0.5, 1);
    expect(layer.apply(x)).toBe(x);
  });

  it('repeats with a seed, saves stddev and seed, and rejects a bad stddev', () => {
    tsr.setBackend('reference');
    const x = tsr.zeros([3, 3]);
    const a = L.gaussianNoise({ stddev: 1, seed: 9 }).apply(x, { training: true }).arraySync();
    expect(L.gaussianNoise({ stddev: 1, seed: 9 }).apply(x, { training: true }).arraySync()).toEqual(a);
    expect(L.gaussianNoise({ stddev: 2, seed: 1 }).getConfig()).toMatchObject({ stddev: 2, seed: 1 });
    expect(() => L.gaussianNoise({ stddev: -1 })).toThrow('gaussianNoise: stddev must be a finite number ≥ 0. Received: stddev=-1');
  });
});
