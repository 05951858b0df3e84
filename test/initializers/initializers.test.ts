import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import type { Initializer } from '../../src/initializers/index.js';

const I = tsr.initializers;

function stats(t: tsr.Tensor): { mean: number; std: number; min: number; max: number } {
  const d = Array.from(t.dataSync() as Float32Array);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const std = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
  return { mean, std, min: Math.min(...d), max: Math.max(...d) };
}

describe('initializers', () => {
  it('glorot/he/lecun use Keras fans and limits', () => {
    tsr.setBackend('reference');
    // Conv kernel [3, 3, 16, 32]: fanIn = 144, fanOut = 288.
    const g = stats(I.glorotUniform({ seed: 1 }).call([3, 3, 16, 32]));
    const limit = Math.sqrt(6 / (144 + 288));
    expect(g.max).toBeLessThanOrEqual(limit);
    expect(g.min).toBeGreaterThanOrEqual(-limit);
    expect(g.std).toBeCloseTo(limit / Math.sqrt(3), 2);
    const he = stats(I.heNormal({ seed: 2 }).call([400, 300]));
    expect(he.std).toBeCloseTo(Math.sqrt(2 / 400), 3); // truncated normal rescaled to the target stddev
    expect(he.max).toBeLessThanOrEqual(2 * Math.sqrt(2 / 400) / 0.87962566103423978 + 1e-6);
    const lu = stats(I.lecunUniform({ seed: 3 }).call([500, 200]));
    expect(lu.max).toBeLessThanOrEqual(Math.sqrt(3 / 500));
    expect(I.computeFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
  });

  it('a seed makes values repeatable; no seed draws from the global key', () => {
    const a = I.glorotNormal({ seed: 5 }).call([4, 4]).dataSync() as Float32Array;
    const b = I.glorotNormal({ seed: 5 }).call([4, 4]).dataSync() as Float32Array;
    expect(Array.from(a)).toEqual(Array.from(b));
    tsr.setSeed(1);
    const c = I.glorotNormal().call([4, 4]).dataSync() as Float32Array;
    tsr.setSeed(1);
    const d = I.glorotNormal().call([4, 4]).dataSync() as Float32Array;
    expect(Array.from(c)).toEqual(Array.from(d));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('orthogonal gives orthonormal rows or columns times the gain', () => {
    for (const [r, c] of [[6, 4], [3, 5]] as const) {
      const q = I.orthogonal({ gain: 2, seed: 1 }).call([r, c]);
      const qtq = r >= c ? tsr.matmul(tsr.transpose(q), q) : tsr.matmul(q, tsr.transpose(q));
      const n = Math.min(r, c);
      const v = qtq.dataSync();
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(v[i * n + j]!).toBeCloseTo(i === j ? 4 : 0, 5);
    }
  });

  it('constants, identity, and config round trips by name and by {className, config}', () => {
    expect(I.constant({ value: 3 }).call([2]).arraySync()).toEqual([3, 3]);
    expect(I.identity({ gain: 2 }).call([2, 3]).arraySync()).toEqual([[2, 0, 0], [0, 2, 0]]);
    for (const init of [I.glorotUniform({ seed: 1 }), I.heNormal(), I.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform', seed: 3 }),
      I.orthogonal({ gain: 0.5 }), I.randomUniform({ minval: -1, maxval: 2, seed: 1 }), I.truncatedNormal({ stddev: 0.1 }), I.zeros(), I.constant({ value: 7 })]) {
      const json = JSON.parse(JSON.stringify(serialize(init)));
      const back = deserialize<Initializer>('initializer', json);
      expect(back.className).toBe(init.className);
      expect(back.getConfig()).toEqual(init.getConfig());
    }
    expect(I.getInitializer('glorot_uniform').className).toBe('GlorotUniform');
    expect(I.getInitializer('heNormal').className).toBe('HeNormal');
    expect(() => I.getInitializer('nope')).toThrow(/unknown initializer 'nope' \(known: .*GlorotUniform/);
    expect(() => I.varianceScaling({ mode: 'bad' as never })).toThrow(/Received: mode=bad/);
  });
});

