import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const close = (t: Tensor, expected: number[], tol = 1e-5) => {
  const d = Array.from(t.dataSync() as Float32Array);
  expect(d.length).toBe(expected.length);
  d.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(tol));
};

describe('grad', () => {
  it('differentiates a scalar function of one tensor', () => {
    const g = tsr.grad((x: Tensor) => tsr.sum(tsr.mul(x, x)))(tsr.tensor([1, 2, 3]));
    close(g, [2, 4, 6]);
  });

  it('returns value and gradients for several arguments', () => {
    const f = (a: Tensor, b: Tensor) => tsr.sum(tsr.mul(a, b));
    const [value, [ga, gb]] = tsr.valueAndGrad(f)(tsr.tensor([1, 2]), tsr.tensor([3, 4]));
    expect(value.item()).toBe(11);
    close(ga, [3, 4]);
    close(gb, [1, 2]);
  });

  it('keeps the structure of pytree arguments', () => {
    const params = { w: tsr.tensor([[1, 2], [3, 4]]), b: [tsr.tensor([1, 1])], name: 'layer' };
    const f = (p: typeof params, x: Tensor) => tsr.sum(tsr.add(tsr.matmul(x, p.w), p.b[0]!));
    const g = tsr.grad(f, { argnums: 0 })(params, tsr.tensor([[1, 1]])) as unknown as typeof params;
    close(g.w, [1, 1, 1, 1]);
    close(g.b[0]!, [1, 1]);
    expect(g.name).toBe('layer');
  });

  it('reduces gradients of broadcast operands to their shapes', () => {
    const [ga, gb] = tsr.grad((a: Tensor, b: Tensor) => tsr.sum(tsr.mul(a, b)))(tsr.ones([2, 3]), tsr.tensor([1, 2, 3]));
    expect(ga.shape).toEqual([2, 3]);
    expect(gb.shape).toEqual([3]);
    close(gb, [2, 2, 2]);
  });

  it('gives zeros for unused inputs and accumulates repeated uses', () => {
    const [ga, gb] = tsr.grad((a: Tensor, _b: Tensor) => tsr.sum(tsr.add(tsr.mul(a, 3), a)))(tsr.tensor([1, 2]), tsr.tensor([5]));
    close(ga, [4, 4]);
    close(gb, [0]);
  });

  it('supports higher-order gradients (nested grad)', () => {
    const f = (x: Tensor) => tsr.sum(tsr.mul(tsr.mul(x, x), x)); // x^3
    const df = (x: Tensor) => tsr.sum(tsr.grad(f)(x)); // sum 3x^2
    const d2 = tsr.grad(df)(tsr.tensor([1, 2]));
    close(d2, [6, 12]); // 6x
  });

  it('stops gradients through stopGradient', () => {
    const g = tsr.grad((x: Tensor) => tsr.sum(tsr.mul(x, tsr.stopGradient(x))))(tsr.tensor([2, 3]));
    close(g, [2, 3]);
  });

  it('passes auxiliary outputs through with hasAux', () => {
    const [value, g, aux] = tsr.valueAndGrad((x: Tensor) => [tsr.sum(x), { note: 'hi' }], { hasAux: true })(tsr.tensor([1, 2]));
    expect(value.item()).toBe(3);
    close(g, [1, 1]);
    expect(aux).toEqual({ note: 'hi' });
  });

  it('computes vector-Jacobian products of non-scalar outputs', () => {
    const [y, back] = tsr.vjp((x: Tensor) => tsr.mul(x, x), tsr.tensor([1, 2, 3]));
    close(y, [1, 4, 9]);
    const [gx] = back(tsr.tensor([1, 0, 2]));
    close(gx as Tensor, [2, 0, 12]);
    expect(() => back(tsr.tensor([1]))).toThrow(/vjp: cotangent must have the output's shape \[3\]/);
  });

  it('explains what it needs when the output is not a scalar', () => {
    expect(() => tsr.grad((x: Tensor) => tsr.mul(x, 2))(tsr.tensor([1, 2]))).toThrow(/grad: the function must return a scalar.*Received: shape=\[2\]/);
    expect(() => tsr.grad((_x: Tensor) => 3)(tsr.tensor([1]))).toThrow(/grad: the function must return a Tensor/);
  });

  it('differentiates in float64 when given float64', () => {
    const g = tsr.grad((x: Tensor) => tsr.sum(tsr.exp(x)))(tsr.tensor([0, 1], [2], 'float64'));
    expect(g.dtype).toBe('float64');
    expect(Math.abs((g.dataSync() as Float64Array)[1]! - Math.E)).toBeLessThan(1e-15);
  });
});

describe('variables', () => {
  it('are read through their current value, and earlier results do not change on assign', () => {
    const v = tsr.variable([1, 2]);
    const y = tsr.mul(v, 10);
    v.assign(tsr.tensor([5, 5]));
    expect(y.arraySync()).toEqual([10, 20]);
    expect(v.arraySync()).toEqual([5, 5]);
    expect(() => v.assign(tsr.tensor([1, 2, 3]))).toThrow(/assign: variable '.*' holds \[2\] float32. Received: \[3\] float32/);
  });

  it('get gradients through variableGrads and can be updated in a training loop', () => {
    const w = tsr.variable([0, 0], { name: 'w' });
    const target = tsr.tensor([3, -1]);
    for (let i = 0; i < 100; i++) {
      const { value, grads } = tsr.variableGrads(() => tsr.sum(tsr.mul(tsr.sub(w, target), tsr.sub(w, target))), [w]);
      w.assign(tsr.sub(w, tsr.mul(grads[0]!, 0.1)));
      if (i === 0) expect(value.item()).toBe(10);
    }
    close(w, [3, -1], 1e-4);
  });
});

describe('gradcheck', () => {
  it('catches a wrong gradient', () => {
    const wrong = tsr.defineOp({
      name: 'test.wrongSquare',
      infer: ([x]) => x!,
      kernel: ([x]) => x!.data.map((v) => v * v),
      vjp: (g, [x]) => [tsr.mul(g, x!)], // should be 2x
    });
    const res = tsr.gradcheck((x) => tsr.applyOp(wrong, [x], {}), [tsr.tensor([1, 2, 3])]);
    expect(res.ok).toBe(false);
    expect(res.failures.length).toBe(3);
  });

  it('accepts a right one to float64 precision', () => {
    const res = tsr.gradcheck((a, b) => tsr.matmul(a, b), [tsr.tensor([[1, 2], [3, 4]]), tsr.tensor([[1], [-1]])]);
    expect(res.ok).toBe(true);
    expect(res.maxAbsError).toBeLessThan(1e-8);
  });
});
