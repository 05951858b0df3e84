import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { expectClose, testOps } from '../helpers/test-op.js';
import { indexingCases } from './indexing.cases.js';

describe('indexing ops', () => testOps(indexingCases));

const flat = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>, Number);
const f64 = (v: tsr.NestedArray): tsr.Tensor => tsr.tensor(v as tsr.NestedArray[], undefined, 'float64');
const idx = (v: tsr.NestedArray): tsr.Tensor => tsr.tensor(v as tsr.NestedArray[], undefined, 'int32');

describe('indexing gradients', () => {
  it('gather gradient counts repeated indices', () => {
    const g = tsr.grad((x: tsr.Tensor) => tsr.gather(x, idx([2, 0, 2, 2])).sum())(f64([1, 2, 3]));
    expect(flat(g)).toEqual([1, 0, 3]);
  });

  it('takeAlongAxis and scatterAdd are each other\'s adjoint: <take(x), u> = <x, scatter(0, u)>', () => {
    const x = f64([[1, 2, 3], [4, 5, 6]]);
    const i = idx([[2, 2, 0, 1], [0, 1, 1, 1]]);
    const u = f64([[1, -1, 2, 3], [0.5, 4, -2, 1]]);
    const lhs = tsr.takeAlongAxis(x, i, 1).mul(u).sum().item();
    const rhs = x.mul(tsr.scatterAdd(tsr.zeros([2, 3], 'float64'), i, u, 1)).sum().item();
    expect(lhs).toBeCloseTo(rhs, 12);
  });

  it('second-order gradients pass through the adjoint primitives', () => {
    const i = idx([1, 1, 0]);
    const j = idx([[1, 0], [0, 0]]);
    // Each function's gradient is built with gatherTranspose / scatterAdd / takeAlongAxis; check it against finite differences.
    const fns = [
      (x: tsr.Tensor) => tsr.grad((t: tsr.Tensor) => tsr.gather(t, i).mul(tsr.gather(t, i)).sum())(x),
      (x: tsr.Tensor) => tsr.grad((t: tsr.Tensor) => tsr.takeAlongAxis(t, j, 0).mul(t.slice([0, 0], [2, 2])).sum())(x),
      (x: tsr.Tensor) => tsr.grad((t: tsr.Tensor) => tsr.scatterAdd(t, j, t.slice([0, 0], [2, 2]), 1).mul(t).sum())(x),
    ];
    for (const f of fns) {
      const res = tsr.gradcheck(f, [f64([[0.3, -1.2], [2.5, 0.7]])]);
      expect(res.ok, JSON.stringify(res.failures)).toBe(true);
    }
  });

  it('an embedding lookup trains the looked-up rows only', () => {
    const table = f64([[0, 0], [1, 1], [2, 2]]);
    const g = tsr.grad((t: tsr.Tensor) => tsr.gather(t, idx([[1, 1], [0, 1]])).mul(f64([1, 2])).sum())(table);
    expectClose(flat(g), [1, 2, 3, 6, 0, 0], 1e-12, 0, 'grad');
  });
});

describe('indexing errors', () => {
  const x = tsr.tensor([[1, 2, 3], [4, 5, 6]]);

  it('gather checks dtypes and axes when building the graph', () => {
    expect(() => tsr.gather(x, tsr.tensor([0, 1]))).toThrow(/gather: indices must be int32 or int64. Received: float32/);
    expect(() => tsr.gather(x, [0], 2)).toThrow(/gather: axis must be an integer in \[-2, 1\].*Received: axis=2/);
    expect(() => tsr.gather(tsr.scalar(1), [0])).toThrow(/gather: cannot gather from a scalar/);
  });

  it('gather reports an out-of-range index when run, naming it', () => {
    expect(() => tsr.gather(x, [0, 2]).dataSync()).toThrow(/gather: index 2 is out of range for axis 0 of size 2 \(valid: -2 to 1\)/);
    expect(() => tsr.gather(x, [-4], 1).dataSync()).toThrow(/gather: index -4 is out of range for axis 1 of size 3/);
  });

  it('takeAlongAxis and scatterAdd check ranks, shapes, dtypes and indices', () => {
    expect(() => tsr.takeAlongAxis(x, [0, 1], 1)).toThrow(/takeAlongAxis: indices must have the rank of x and no larger dimensions off axis 1. Received: x \[2,3\], indices \[2\]/);
    expect(() => tsr.takeAlongAxis(x, [[0], [1], [0]], 1)).toThrow(/takeAlongAxis: indices must have the rank of x/);
    expect(() => tsr.takeAlongAxis(x, [[0, 3]], 1).dataSync()).toThrow(/takeAlongAxis: index 3 is out of range for axis 1 of size 3/);
    expect(() => tsr.scatterAdd(x, [[0, 1]], [[1, 2, 3]], 1)).toThrow(/scatterAdd: updates must have the shape of indices \[1,2\]. Received: \[1,3\]/);
    expect(() => tsr.scatterAdd(x, [[0, 1]], tsr.tensor([[1, 2]], undefined, 'int32'), 1)).toThrow(/scatterAdd: updates must have the dtype of x \(float32\). Received: int32/);
    expect(() => tsr.scatterAdd(x, [[5]], [[1]], 0).dataSync()).toThrow(/scatterAdd: index 5 is out of range for axis 0 of size 2/);
    expect(() => tsr.scatterAdd(x, tsr.tensor([[0]]), [[1]], 0)).toThrow(/scatterAdd: indices must be int32 or int64. Received: float32/);
  });

  it('oneHot checks depth and index dtype', () => {
    expect(() => tsr.oneHot([1], 0)).toThrow(/oneHot: depth must be a positive integer. Received: depth=0/);
    expect(() => tsr.oneHot(tsr.tensor([1.5]), 3)).toThrow(/oneHot: indices must be int32 or int64. Received: float32/);
  });
});
