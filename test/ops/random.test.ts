import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { randomOp } from '../../src/ops/random/random-op.js';
import { threefry2x32 } from '../../src/ops/random/threefry.js';
import { expectClose, opsInGraph, testOps } from '../helpers/test-op.js';
import { randomCases } from './random.cases.js';

describe('random ops', () => testOps(randomCases));

const flat = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>, Number);

function moments(v: readonly number[]): { mean: number; std: number } {
  let m = 0;
  for (const x of v) m += x;
  m /= v.length;
  let s = 0;
  for (const x of v) s += (x - m) ** 2;
  return { mean: m, std: Math.sqrt(s / v.length) };
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = moments(a);
  const mb = moments(b);
  let c = 0;
  for (let i = 0; i < a.length; i++) c += (a[i]! - ma.mean) * (b[i]! - mb.mean);
  return c / a.length / (ma.std * mb.std);
}

const N = 100_000;
// Reductions without spreading 100k arguments onto the stack.
const maxOf = (v: readonly number[]): number => v.reduce((a, b) => Math.max(a, b), -Infinity);
const minOf = (v: readonly number[]): number => v.reduce((a, b) => Math.min(a, b), Infinity);

describe('Threefry-2x32 and keys', () => {
  it('matches the Random123 known-answer vectors (Threefry-2x32, 20 rounds)', () => {
    expect(threefry2x32([0, 0], 0, 0)).toEqual([0x6b200159, 0x99ba4efe]);
    expect(threefry2x32([0xffffffff, 0xffffffff], 0xffffffff, 0xffffffff)).toEqual([0x1cb996fc, 0xbb002be7]);
    expect(threefry2x32([0x13198a2e, 0x03707344], 0x243f6a88, 0x85a308d3)).toEqual([0xc4923a9c, 0x483df7a0]);
  });

  it('randomKey has JAX PRNGKey layout [high, low] and is JSON-able', () => {
    expect(tsr.randomKey(0)).toEqual([0, 0]);
    expect(tsr.randomKey(2 ** 32 + 5)).toEqual([1, 5]);
    expect(tsr.randomKey(-1)).toEqual([0xffffffff, 0xffffffff]);
    const k = tsr.randomKey(7);
    expect(Object.isFrozen(k)).toBe(true);
    expect(JSON.parse(JSON.stringify(k))).toEqual([...k]);
  });

  it('splitKey equals jax.random.split(PRNGKey(0))', () => {
    expect(tsr.splitKey(tsr.randomKey(0))).toEqual([[4146024105, 967050713], [2718843009, 1272950319]]);
  });

  it('splitKey gives n distinct keys, deterministically', () => {
    const ks = tsr.splitKey(tsr.randomKey(3), 5);
    expect(ks).toHaveLength(5);
    expect(new Set(ks.map((k) => k.join(','))).size).toBe(5);
    expect(tsr.splitKey(tsr.randomKey(3), 5)).toEqual(ks);
  });

  it('rejects bad seeds, keys and counts', () => {
    expect(() => tsr.randomKey(1.5)).toThrow(/randomKey: seed must be an integer/);
    expect(() => tsr.setSeed(Number.NaN)).toThrow(/setSeed: seed must be an integer/);
    expect(() => tsr.splitKey(tsr.randomKey(1), 0)).toThrow(/splitKey: n must be a positive integer. Received: n=0/);
    expect(() => tsr.splitKey([1, -2] as unknown as tsr.RandomKey)).toThrow(/splitKey: key must be a pair of uint32/);
    expect(() => tsr.randomUniform([2], { key: [1, 2, 3] as unknown as tsr.RandomKey })).toThrow(/randomUniform: key must be a pair of uint32 integers.*Received: key=\[1,2,3\]/);
  });
});

describe('reproducibility and independence', () => {
  it('the same key gives the same values; different keys differ', () => {
    const k = tsr.randomKey(11);
    expect(flat(tsr.randomNormal([50], { key: k }))).toEqual(flat(tsr.randomNormal([50], { key: k })));
    expect(flat(tsr.randomNormal([50], { key: k }))).not.toEqual(flat(tsr.randomNormal([50], { key: tsr.randomKey(12) })));
  });

  it('setSeed makes unkeyed calls reproducible, and consecutive calls differ', () => {
    tsr.setSeed(1);
    const a = flat(tsr.randomNormal([3]));
    const b = flat(tsr.randomNormal([3]));
    tsr.setSeed(1);
    const c = flat(tsr.randomNormal([3]));
    const d = flat(tsr.randomNormal([3]));
    expect(c).toEqual(a);
    expect(d).toEqual(b);
    expect(b).not.toEqual(a);
  });

  it('a value depends only on (key, element index): shape does not matter', () => {
    const k = tsr.randomKey(5);
    const long = flat(tsr.randomUniform([10], { key: k }));
    expect(flat(tsr.randomUniform([2, 3], { key: k }))).toEqual(long.slice(0, 6));
  });

  it('float64 draws agree with float32 draws of the same key to float32 precision', () => {
    const k = tsr.randomKey(9);
    for (const f of [tsr.randomUniform, tsr.randomNormal, tsr.truncatedNormal]) {
      const a = flat(f([200], { key: k }));
      const b = flat(f([200], { key: k, dtype: 'float64' }));
      expectClose(a, b, 1e-5, 1e-5, 'float32 vs float64');
    }
  });

  it('split keys give uncorrelated streams', () => {
    const [k1, k2] = tsr.splitKey(tsr.randomKey(21)) as [tsr.RandomKey, tsr.RandomKey];
    const a = flat(tsr.randomNormal([N], { key: k1 }));
    const b = flat(tsr.randomNormal([N], { key: k2 }));
    expect(Math.abs(correlation(a, b))).toBeLessThan(0.015);
    // Neighbouring elements of one stream are uncorrelated too.
    expect(Math.abs(correlation(a.slice(1), a.slice(0, -1)))).toBeLessThan(0.015);
  });

  it('random tensors are lazy: one source primitive with no inputs', () => {
    const t = tsr.randomUniform([4], { key: tsr.randomKey(1) });
    expect(t.isRealized).toBe(false);
    expect([...opsInGraph(t)]).toEqual(['random']);
    expect(t._pending!.inputs).toHaveLength(0);
  });
});

describe('distributions', () => {
  it('randomUniform: moments over 100k samples, range, and a KS bound on the CDF', () => {
    const v = flat(tsr.randomUniform([N], { key: tsr.randomKey(31), minval: -1, maxval: 3 }));
    const { mean, std } = moments(v);
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(std - 4 / Math.sqrt(12))).toBeLessThan(0.02);
    expect(minOf(v)).toBeGreaterThanOrEqual(-1);
    expect(maxOf(v)).toBeLessThan(3);
    const sorted = [...v].sort((a, b) => a - b);
    let ks = 0;
    sorted.forEach((x, i) => { ks = Math.max(ks, Math.abs((x + 1) / 4 - (i + 0.5) / N)); });
    expect(ks).toBeLessThan(1.63 / Math.sqrt(N)); // the 99% Kolmogorov-Smirnov bound
  });

  it('randomUniform never returns maxval, even when rounding would reach it', () => {
    const v = flat(tsr.randomUniform([10_000], { key: tsr.randomKey(2), minval: 1, maxval: 1 + 2 ** -20 }));
    expect(maxOf(v)).toBeLessThan(1 + 2 ** -20);
    expect(minOf(v)).toBeGreaterThanOrEqual(1);
  });

  it('randomNormal: mean, std and the 1σ/2σ masses over 100k samples (float32 and float64)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const v = flat(tsr.randomNormal([N], { key: tsr.randomKey(41), mean: 3, stddev: 2, dtype }));
      const { mean, std } = moments(v);
      expect(Math.abs(mean - 3)).toBeLessThan(0.03);
      expect(Math.abs(std - 2)).toBeLessThan(0.03);
      const within = (k: number): number => v.filter((x) => Math.abs(x - 3) < 2 * k).length / N;
      expect(Math.abs(within(1) - 0.6827)).toBeLessThan(0.006);
      expect(Math.abs(within(2) - 0.9545)).toBeLessThan(0.004);
    }
  });

  it('truncatedNormal stays within 2 stddev with the truncated moments', () => {
    const v = flat(tsr.truncatedNormal([N], { key: tsr.randomKey(51), mean: -1, stddev: 3 }));
    expect(minOf(v)).toBeGreaterThanOrEqual(-7 - 1e-5);
    expect(maxOf(v)).toBeLessThanOrEqual(5 + 1e-5);
    const { mean, std } = moments(v);
    expect(Math.abs(mean + 1)).toBeLessThan(0.03);
    // Standard deviation of a standard normal truncated to [-2, 2]: 0.87962.
    expect(Math.abs(std - 3 * 0.87962)).toBeLessThan(0.03);
  });

  it('truncatedNormal keeps in-range normal draws and redraws the others deterministically', () => {
    const k = tsr.randomKey(61);
    const n = flat(tsr.randomNormal([1000], { key: k }));
    const t = flat(tsr.truncatedNormal([1000], { key: k }));
    let redrawn = 0;
    n.forEach((x, i) => {
      if (Math.abs(x) <= 2) expect(t[i]).toBe(x);
      else redrawn++;
    });
    expect(redrawn).toBeGreaterThan(0);
    expect(flat(tsr.truncatedNormal([1000], { key: k }))).toEqual(t);
  });

  it('randint covers [low, high) uniformly, in int32 and int64', () => {
    const t = tsr.randint([N], -3, 4, { key: tsr.randomKey(71) });
    expect(t.dtype).toBe('int32');
    const v = flat(t);
    const counts = new Map<number, number>();
    for (const x of v) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c / N - 1 / 7)).toBeLessThan(0.005);
    const big = tsr.randint([1000], -(2 ** 40), 2 ** 40, { key: tsr.randomKey(72), dtype: 'int64' });
    const data = big.dataSync();
    expect(data).toBeInstanceOf(BigInt64Array);
    const bv = Array.from(data as BigInt64Array, Number);
    expect(minOf(bv)).toBeGreaterThanOrEqual(-(2 ** 40));
    expect(maxOf(bv)).toBeLessThan(2 ** 40);
    expect(maxOf(bv.map(Math.abs))).toBeGreaterThan(2 ** 38); // really uses the range
  });

  it('reports invalid arguments', () => {
    const key = tsr.randomKey(1);
    expect(() => tsr.randomUniform([2], { key, minval: 1, maxval: 1 })).toThrow(/randomUniform: minval must be less than maxval. Received: minval=1, maxval=1/);
    expect(() => tsr.randomUniform([2, -1], { key })).toThrow(/randomUniform: shape dimensions must be non-negative integers. Received: shape=\[2,-1\]/);
    expect(() => tsr.randomUniform([2], { key, dtype: 'int32' })).toThrow(/random: uniform needs a float32 or float64 dtype. Received: dtype=int32/);
    expect(() => tsr.randomNormal([2], { key, stddev: -1 })).toThrow(/randomNormal: stddev must be non-negative. Received: stddev=-1/);
    expect(() => tsr.randomNormal([2], { key, mean: Number.NaN })).toThrow(/randomNormal: parameters must be finite numbers/);
    expect(() => tsr.truncatedNormal([2], { key, dtype: 'bool' })).toThrow(/random: truncatedNormal needs a float32 or float64 dtype/);
    expect(() => tsr.randint([2], 5, 5, { key })).toThrow(/randint: low and high must be integers with low < high.*Received: low=5, high=5/);
    expect(() => tsr.randint([2], 0, 2 ** 31 + 1, { key })).toThrow(/randint: .*within int32 range/);
    expect(() => tsr.randint([2], 0, 3, { key, dtype: 'float32' })).toThrow(/random: randint needs a int32 or int64 dtype. Received: dtype=float32/);
    // Attributes built by hand (e.g. read from a graph file) are checked by the primitive itself.
    const attrs = { key: [1, 2], shape: [2], dtype: 'float32' as const, distribution: 'uniform' as const, params: [0, 1] };
    expect(() => tsr.applyOp(randomOp, [], { ...attrs, distribution: 'gamma' as 'uniform' })).toThrow(/random: distribution must be one of uniform, normal, truncatedNormal, randint. Received: distribution=gamma/);
    expect(() => tsr.applyOp(randomOp, [], { ...attrs, key: [1] })).toThrow(/random: key must be a pair of uint32/);
    expect(() => tsr.applyOp(randomOp, [], { ...attrs, params: [0] })).toThrow(/random: params must be two finite numbers. Received: params=\[0\]/);
  });
});

describe('dropout', () => {
  it('rate 0 is the identity (the same tensor)', () => {
    const x = tsr.tensor([1, 2, 3]);
    expect(tsr.dropout(x, 0)).toBe(x);
  });

  it('drops about `rate` of the elements and scales the rest by 1/(1 - rate)', () => {
    const x = tsr.ones([N]);
    const v = flat(x.dropout(0.25, { key: tsr.randomKey(81) }));
    const zeros = v.filter((e) => e === 0).length;
    expect(Math.abs(zeros / N - 0.25)).toBeLessThan(0.005);
    const kept = v.filter((e) => e !== 0);
    expect(maxOf(kept.map((e) => Math.abs(e - 1 / 0.75)))).toBeLessThan(1e-6);
    const { mean } = moments(v);
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
  });

  it('noiseShape shares the mask along broadcast axes', () => {
    const v = flat(tsr.dropout(tsr.ones([64, 8]), 0.5, { key: tsr.randomKey(82), noiseShape: [64, 1] }));
    for (let r = 0; r < 64; r++) {
      const row = v.slice(r * 8, r * 8 + 8);
      expect(new Set(row).size).toBe(1);
    }
    expect(new Set(v)).toEqual(new Set([0, 2]));
  });

  it('gradient with a fixed key is mask / (1 - rate)', () => {
    const key = tsr.randomKey(83);
    const x = tsr.randomNormal([6, 7], { key: tsr.randomKey(1), dtype: 'float64' });
    const y = flat(tsr.dropout(x, 0.4, { key }));
    const g = flat(tsr.grad((t: tsr.Tensor) => tsr.dropout(t, 0.4, { key }).sum())(x));
    const xs = flat(x);
    g.forEach((gi, i) => {
      const kept = y[i] !== 0 || xs[i] === 0;
      expect(gi).toBeCloseTo(kept ? 1 / 0.6 : 0, 12);
    });
    expect(g.some((gi) => gi === 0)).toBe(true);
  });

  it('without a key, draws from the global key (reproducible with setSeed)', () => {
    const x = tsr.ones([100]);
    tsr.setSeed(7);
    const a = flat(tsr.dropout(x, 0.5));
    const b = flat(tsr.dropout(x, 0.5));
    tsr.setSeed(7);
    expect(flat(tsr.dropout(x, 0.5))).toEqual(a);
    expect(b).not.toEqual(a);
  });

  it('reports invalid rates, dtypes and noise shapes', () => {
    const x = tsr.ones([2, 3]);
    expect(() => tsr.dropout(x, 1)).toThrow(/dropout: rate must be a number in \[0, 1\). Received: rate=1/);
    expect(() => tsr.dropout(x, -0.1)).toThrow(/dropout: rate must be a number in \[0, 1\). Received: rate=-0.1/);
    expect(() => tsr.dropout(x, Number.NaN)).toThrow(/dropout: rate must be a number in \[0, 1\). Received: rate=NaN/);
    expect(() => tsr.dropout(tsr.ones([2], 'int32'), 0.5)).toThrow(/dropout: x must be float32 or float64. Received: dtype=int32/);
    expect(() => tsr.dropout(x, 0.5, { noiseShape: [2] })).toThrow(/dropout: noiseShape must have x's rank.*shape \[2,3\]. Received: noiseShape=\[2\]/);
    expect(() => tsr.dropout(x, 0.5, { noiseShape: [2, 2] })).toThrow(/dropout: noiseShape .*Received: noiseShape=\[2,2\]/);
  });
});
