import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { expectClose, testOps } from '../helpers/test-op.js';
import { reduceCases } from './reduce.cases.js';

describe('reduce ops', () => testOps(reduceCases));

const flat = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>);

describe('reduce gradients at ties and zeros', () => {
  it('max shares the gradient evenly among tied maxima', () => {
    const x = tsr.tensor([[1, 3, 3], [2, 2, 2], [5, 0, 1]], undefined, 'float64');
    const g = tsr.grad((t: tsr.Tensor) => tsr.max(t, 1).sum())(x);
    expectClose(flat(g), [0, 0.5, 0.5, 1 / 3, 1 / 3, 1 / 3, 1, 0, 0], 1e-12, 0, 'grad');
  });

  it('min shares the gradient evenly among tied minima over several axes', () => {
    const x = tsr.tensor([[[0, 4], [0, 1]], [[2, 2], [3, 2]]], undefined, 'float64');
    const g = tsr.grad((t: tsr.Tensor) => tsr.min(t, [1, 2]).mul(tsr.tensor([1, 3], undefined, 'float64')).sum())(x);
    expectClose(flat(g), [0.5, 0, 0.5, 0, 1, 1, 0, 1], 1e-12, 0, 'grad');
  });

  it('prod gradient is the product of the other elements, zeros included', () => {
    const x = tsr.tensor([[2, 0, 3], [0, 5, 0], [2, 3, 4]], undefined, 'float64');
    const g = tsr.grad((t: tsr.Tensor) => tsr.prod(t, 1).sum())(x);
    expectClose(flat(g), [0, 6, 0, 0, 0, 0, 12, 8, 6], 1e-12, 0, 'grad');
  });

  it('logSumExp gradient is softmax, even for large inputs', () => {
    const x = tsr.tensor([[1000, 1001, 999], [-5, 0, 5]], undefined, 'float64');
    const g = tsr.grad((t: tsr.Tensor) => tsr.logSumExp(t, 1).sum())(x);
    const softmax = (r: number[]): number[] => {
      const m = Math.max(...r);
      const e = r.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    expectClose(flat(g), [...softmax([1000, 1001, 999]), ...softmax([-5, 0, 5])], 1e-12, 1e-12, 'grad');
  });

  it('cumsum gradient is the reverse cumulative sum', () => {
    const x = tsr.tensor([1, 2, 3, 4], undefined, 'float64');
    const w = tsr.tensor([1, 10, 100, 1000], undefined, 'float64');
    const g = tsr.grad((t: tsr.Tensor) => tsr.cumsum(t).mul(w).sum())(x);
    expect(flat(g)).toEqual([1111, 1110, 1100, 1000]);
    const ge = tsr.grad((t: tsr.Tensor) => tsr.cumsum(t, 0, { exclusive: true }).mul(w).sum())(x);
    expect(flat(ge)).toEqual([1110, 1100, 1000, 0]);
  });

  it('gradients are differentiable again (gradcheck of the gradient)', () => {
    const x = tsr.tensor([[0.5, -1.2, 2, 0.3], [1.1, 0.7, -0.4, -1.5], [0.9, 1.3, -0.8, 0.2]], undefined, 'float64');
    const fs: [string, (t: tsr.Tensor) => tsr.Tensor][] = [
      ['logSumExp', (t) => tsr.logSumExp(t, 1)],
      ['prod', (t) => tsr.prod(t, 0, true)],
      ['max', (t) => tsr.max(t, [0, 1])],
      ['variance', (t) => tsr.variance(t, -1, false, { ddof: 1 })],
      ['std', (t) => tsr.std(t, 0)],
      ['mean', (t) => tsr.mean(t, 1)],
      ['cumsum', (t) => tsr.cumsum(t, 1, { reverse: true }).mul(t)],
    ];
    for (const [name, f] of fs) {
      const gradOf = (t: tsr.Tensor): tsr.Tensor => tsr.grad((u: tsr.Tensor) => f(u).mul(f(u)).sum())(t);
      const res = tsr.gradcheck(gradOf, [x], { rtol: 1e-4, atol: 1e-6 });
      expect(res.ok, `${name}: ${JSON.stringify(res.failures.slice(0, 3))}`).toBe(true);
    }
  });

  it('second derivative of variance (grad of grad)', () => {
    // d/dx_i of sum_j d var / d x_j is 0 (the gradient of var sums to zero for any x).
    const x = tsr.tensor([1, 4, 2, 7], undefined, 'float64');
    const gg = tsr.grad((t: tsr.Tensor) => tsr.grad((u: tsr.Tensor) => tsr.variance(u))(t).mul(tsr.tensor([1, 0, 0, 0], undefined, 'float64')).sum())(x);
    // d²var/dx_0 dx_j = (2/n)(δ0j - 1/n) with n = 4.
    expectClose(flat(gg), [0.375, -0.125, -0.125, -0.125], 1e-12, 0, 'grad of grad');
  });
});

describe('reduce axes and shapes', () => {
  const x = tsr.tensor([[1, 2, 3], [4, 5, 6]]);

  it('axis=[] reduces nothing for every reduction', () => {
    for (const f of [tsr.sum, tsr.mean, tsr.max, tsr.min, tsr.prod]) {
      const y = f(x, []);
      expect(y.shape).toEqual([2, 3]);
      expect(flat(y)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    expect(flat(tsr.logSumExp(x, []))).toEqual(flat(x));
    expect(flat(tsr.variance(x, []))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('keepDims keeps every reduced axis as 1', () => {
    const t = tsr.zeros([2, 3, 4, 5]);
    expect(tsr.max(t, [1, 3], true).shape).toEqual([2, 1, 4, 1]);
    expect(tsr.mean(t, [-1, 0], true).shape).toEqual([1, 3, 4, 1]);
    expect(tsr.prod(t, null, true).shape).toEqual([1, 1, 1, 1]);
    expect(tsr.argmin(t, 2, true).shape).toEqual([2, 3, 1, 5]);
    expect(tsr.std(t, [0, 1, 2]).shape).toEqual([5]);
  });

  it('reductions of a scalar', () => {
    const s = tsr.scalar(3);
    expect(tsr.max(s).item()).toBe(3);
    expect(tsr.mean(s).item()).toBe(3);
    expect(tsr.argmax(s).item()).toBe(0);
    expect(tsr.variance(s).item()).toBe(0);
  });

  it('mean of an empty slice is NaN, sum 0, logSumExp -inf', () => {
    const e = tsr.zeros([2, 0]);
    expect(flat(tsr.mean(e, 1)).every(Number.isNaN)).toBe(true);
    expect(flat(tsr.sum(e, 1))).toEqual([0, 0]);
    expect(flat(tsr.logSumExp(e, 1))).toEqual([-Infinity, -Infinity]);
    expect(tsr.max(e, 0).shape).toEqual([0]);
  });
});

describe('reduce errors', () => {
  const x = tsr.zeros([2, 3]);

  it('rejects out-of-range axes', () => {
    expect(() => tsr.max(x, 2)).toThrow(/max: axis must be an integer in \[-2, 1\] for a rank-2 tensor. Received: axis=2/);
    expect(() => tsr.mean(x, -3)).toThrow(/mean: axis must be/);
    expect(() => tsr.prod(x, [0, 5])).toThrow(/prod: axis must be/);
    expect(() => tsr.logSumExp(x, 1.5)).toThrow(/logSumExp: axis must be/);
    expect(() => tsr.variance(x, 9)).toThrow(/variance: axis must be/);
    expect(() => tsr.std(x, 9)).toThrow(/std: axis must be/);
    expect(() => tsr.argmax(x, 2)).toThrow(/argmax: axis must be/);
    expect(() => tsr.argmin(x, -3)).toThrow(/argmin: axis must be/);
    expect(() => tsr.cumsum(x, 2)).toThrow(/cumsum: axis must be/);
    expect(() => tsr.cumsum(tsr.scalar(1), 1)).toThrow(/cumsum: axis must be 0 or -1 for a scalar. Received: axis=1/);
  });

  it('rejects duplicate axes', () => {
    expect(() => tsr.min(x, [1, -1])).toThrow(/min: axes must be unique. Received: axis=\[1,-1\]/);
    expect(() => tsr.mean(x, [0, 0])).toThrow(/mean: axes must be unique/);
  });

  it('rejects max/min/argmax over an empty axis', () => {
    const e = tsr.zeros([2, 0]);
    expect(() => tsr.max(e, 1)).toThrow(/max: cannot reduce over an axis of size 0.*Received: shape=\[2,0\], axes=\[1\]/);
    expect(() => tsr.min(e)).toThrow(/min: cannot reduce over an axis of size 0/);
    expect(() => tsr.argmax(e)).toThrow(/argmax: cannot reduce over an axis of size 0/);
    expect(() => tsr.argmin(e, 1)).toThrow(/argmin: cannot reduce/);
  });

  it('rejects a negative ddof', () => {
    expect(() => tsr.variance(x, 0, false, { ddof: -1 })).toThrow(/variance: ddof must be a finite non-negative number. Received: ddof=-1/);
    expect(() => tsr.std(x, 0, false, { ddof: NaN })).toThrow(/std: ddof must be/);
  });
});
