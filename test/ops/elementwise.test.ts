import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { expectClose, testOps } from '../helpers/test-op.js';
import { elementwiseCases } from './elementwise.cases.js';

describe('elementwise ops', () => testOps(elementwiseCases));

const f64 = (v: tsr.NestedArray[]): tsr.Tensor => tsr.tensor(v, undefined, 'float64');
const flat = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>, Number);
const gradOf = (f: (x: tsr.Tensor) => tsr.Tensor, x: tsr.Tensor): number[] => flat(tsr.grad((t: tsr.Tensor) => f(t).sum())(x));

describe('elementwise errors', () => {
  it('logic ops require bool inputs', () => {
    const x = tsr.tensor([1, 0]);
    const b = tsr.tensor([true, false]);
    expect(() => tsr.logicalAnd(x, b)).toThrow(/logicalAnd: inputs must be bool tensors.*Received: float32 and bool/);
    expect(() => tsr.logicalOr(b, tsr.tensor([1], undefined, 'int32'))).toThrow(/logicalOr: inputs must be bool tensors.*Received: bool and int32/);
    expect(() => tsr.logicalXor(x, x)).toThrow(/logicalXor: inputs must be bool tensors/);
    expect(() => tsr.logicalNot(x)).toThrow(/logicalNot: input must be a bool tensor.*Received: float32/);
    // A JS number is not silently read as a truth value.
    expect(() => tsr.logicalAnd(b, 1)).toThrow(/logicalAnd: inputs must be bool tensors/);
  });

  it('where requires a bool cond and broadcastable shapes', () => {
    expect(() => tsr.where(tsr.tensor([1, 0]), 1, 2)).toThrow(/where: cond must be a bool tensor.*Received: dtype=float32/);
    const c = tsr.tensor([[true, false, true], [false, false, true]]);
    expect(() => tsr.where(c, tsr.zeros([4]), tsr.zeros([3]))).toThrow(/where: cannot broadcast shapes \[2,3\], \[4\], \[3\]/);
  });

  it('binary ops name themselves and both shapes', () => {
    const a = tsr.zeros([2, 3]);
    const b = tsr.zeros([4]);
    expect(() => tsr.pow(a, b)).toThrow(/pow: cannot broadcast shapes \[2,3\] and \[4\]/);
    expect(() => tsr.maximum(a, b)).toThrow(/maximum: cannot broadcast/);
    expect(() => tsr.mod(a, b)).toThrow(/mod: cannot broadcast/);
    expect(() => tsr.div(a, b)).toThrow(/div: cannot broadcast/);
    // Composites check up front so the error names them, with the operands in the caller's order.
    expect(() => tsr.greater(a, b)).toThrow(/greater: cannot broadcast shapes \[2,3\], \[4\]/);
    expect(() => tsr.greaterEqual(a, b)).toThrow(/greaterEqual: cannot broadcast shapes \[2,3\], \[4\]/);
    expect(() => tsr.notEqual(a, b)).toThrow(/notEqual: cannot broadcast/);
    expect(() => tsr.clip(a, b, 1)).toThrow(/clip: cannot broadcast shapes \[2,3\], \[4\], \[\]/);
  });

  it('attribute checks', () => {
    const x = tsr.tensor([1, -1]);
    expect(() => tsr.leakyRelu(x, NaN)).toThrow(/leakyRelu: alpha must be a finite number. Received: alpha=NaN/);
    expect(() => tsr.elu(x, Infinity)).toThrow(/elu: alpha must be a finite number/);
    expect(() => tsr.gelu(x, 'tanh' as unknown as boolean)).toThrow(/gelu: approximate must be true or false. Received: approximate=tanh/);
    expect(() => tsr.clip(x, 2, 1)).toThrow(/clip: min must be ≤ max. Received: min=2, max=1/);
    expect(() => tsr.clip(x, NaN, 1)).toThrow(/clip: min must be a number, not NaN/);
  });

  it('arithmetic refuses bools instead of leaving {0, 1}', () => {
    const b = tsr.tensor([true, false]);
    expect(() => tsr.add(b, b)).toThrow(/add: inputs must be numeric.*Received: dtype=bool/);
    expect(() => tsr.sub(b, b)).toThrow(/sub: inputs must be numeric/);
    expect(() => tsr.neg(b)).toThrow(/neg: inputs must be numeric/);
    expect(() => tsr.div(b, b)).toThrow(/div: inputs must be numeric/);
    expect(() => tsr.mod(b, b)).toThrow(/mod: inputs must be numeric/);
  });

  it('integer division by zero and negative integer powers raise when computed', () => {
    const i = (v: number[]): tsr.Tensor => tsr.tensor(v, undefined, 'int32');
    expect(() => tsr.div(i([1, 2]), i([1, 0])).dataSync()).toThrow(/div: integer division by zero/);
    expect(() => tsr.mod(tsr.tensor([5], undefined, 'int64'), 0).dataSync()).toThrow(/mod: integer division by zero/);
    expect(() => tsr.pow(i([2]), i([-1])).dataSync()).toThrow(/pow: integers cannot be raised to negative powers.*Received: exponent=-1/);
    // Floats follow IEEE instead.
    expect(flat(tsr.div(tsr.tensor([1, -1, 0]), 0))).toEqual([Infinity, -Infinity, NaN]);
    expect(flat(tsr.mod(tsr.tensor([1]), 0))).toEqual([NaN]);
  });
});

describe('elementwise gradients at edges', () => {
  it('maximum and minimum split the gradient at ties', () => {
    const a = f64([1, 2, 3]);
    const b = f64([1, 5, 0]);
    const [ga, gb] = tsr.grad((x: tsr.Tensor, y: tsr.Tensor) => tsr.maximum(x, y).sum())(a, b);
    expect(flat(ga)).toEqual([0.5, 0, 1]);
    expect(flat(gb)).toEqual([0.5, 1, 0]);
    const [ha, hb] = tsr.grad((x: tsr.Tensor, y: tsr.Tensor) => tsr.minimum(x, y).sum())(a, b);
    expect(flat(ha)).toEqual([0.5, 1, 0]);
    expect(flat(hb)).toEqual([0.5, 0, 1]);
    // Broadcast operand: its gradient sums over the broadcast axis.
    expect(gradOf((x) => tsr.maximum(x, f64([[0], [2]])), f64([1]))).toEqual([1]);
  });

  it('clip passes the gradient on the closed interval, to the bounds outside', () => {
    expect(gradOf((x) => tsr.clip(x, -1, 1), f64([-2, -1, 0, 1, 2]))).toEqual([0, 1, 1, 1, 0]);
    const lo = f64([-1]);
    const g = tsr.grad((t: tsr.Tensor) => tsr.clip(f64([-2, 0, 3]), t, 2).sum())(lo);
    expect(flat(g)).toEqual([1]);
  });

  it('relu and abs have gradient 0 at 0; leakyRelu alpha below', () => {
    expect(gradOf(tsr.relu, f64([-1, 0, 2]))).toEqual([0, 0, 1]);
    expect(gradOf(tsr.abs, f64([-1, 0, 2]))).toEqual([-1, 0, 1]);
    expect(gradOf((x) => tsr.leakyRelu(x, 0.1), f64([-1, 0, 2]))).toEqual([0.1, 0.1, 1]);
  });

  it('pow: base ≤ 0 and zero exponents give finite gradients', () => {
    const [ga, gb] = tsr.grad((a: tsr.Tensor, b: tsr.Tensor) => tsr.pow(a, b).sum())(f64([0, 0, -2, 3]), f64([2, 0, 2, 0]));
    // d/da: 2·0, 0 (a⁰ is constant), 2·(-2), 0; d/db: 0 where a ≤ 0, 3⁰·ln 3 for the last.
    expectClose(flat(ga), [0, 0, -4, 0], 0, 0, 'd/da');
    expectClose(flat(gb), [0, 0, 0, Math.log(3)], 1e-15, 0, 'd/db');
    expect(flat(tsr.pow(f64([-2]), 0.5))).toEqual([NaN]);
  });

  it('sigmoid, softplus, elu and selu stay finite for huge inputs', () => {
    const x = f64([-1000, -50, 0, 50, 1000]);
    for (const [name, f] of [['sigmoid', tsr.sigmoid], ['softplus', tsr.softplus], ['elu', tsr.elu], ['selu', tsr.selu], ['gelu', tsr.gelu]] as const) {
      const v = flat(f(x));
      const g = gradOf(f, x);
      expect(v.every(Number.isFinite), `${name} values ${v}`).toBe(true);
      expect(g.every(Number.isFinite), `${name} gradient ${g}`).toBe(true);
    }
    expectClose(gradOf(tsr.softplus, f64([0, 40, -40])), [0.5, 1, Math.exp(-40)], 1e-300, 1e-15, 'softplus grad = sigmoid');
  });

  it('piecewise-constant ops have zero gradient', () => {
    for (const f of [tsr.floor, tsr.ceil, tsr.round, tsr.sign]) expect(gradOf(f, f64([-1.3, 0.2, 2.7]))).toEqual([0, 0, 0]);
  });

  it('mod gradient: 1 for a, -floor(a/b) for b', () => {
    const [ga, gb] = tsr.grad((a: tsr.Tensor, b: tsr.Tensor) => tsr.mod(a, b).sum())(f64([7, -7, 5.5]), f64([3, 3, -2]));
    expect(flat(ga)).toEqual([1, 1, 1]);
    expect(flat(gb)).toEqual([-2, 3, 3]);
  });

  it('gradients are differentiable again (gradcheck of the gradient)', () => {
    const x = f64([[0.5, -1.2, 2, 0.3], [1.1, 0.7, -0.4, -1.5]]);
    const fs: [string, (t: tsr.Tensor) => tsr.Tensor][] = [
      ['tanh', tsr.tanh], ['sigmoid', tsr.sigmoid], ['sin', tsr.sin], ['cos', tsr.cos], ['erf', tsr.erf],
      ['softplus', tsr.softplus], ['gelu', (t) => tsr.gelu(t)], ['gelu tanh', (t) => tsr.gelu(t, true)],
      ['elu', tsr.elu], ['log', (t) => tsr.log(tsr.abs(t))], ['sqrt', (t) => tsr.sqrt(tsr.abs(t))],
      ['rsqrt', (t) => tsr.rsqrt(tsr.abs(t))], ['log1p', (t) => tsr.log1p(tsr.abs(t))], ['reciprocal', tsr.reciprocal],
      ['pow', (t) => tsr.pow(tsr.abs(t), t)], ['maximum', (t) => tsr.maximum(t, tsr.mul(t, t))],
      ['where', (t) => tsr.where(tsr.greater(t, 0), tsr.mul(t, t), tsr.sin(t))],
      ['mod', (t) => tsr.mod(tsr.mul(t, t), 0.7)],
    ];
    for (const [name, f] of fs) {
      const df = (t: tsr.Tensor): tsr.Tensor => tsr.grad((u: tsr.Tensor) => f(u).sum())(t);
      const res = tsr.gradcheck(df, [x], { atol: 1e-6, rtol: 1e-4 });
      expect(res.ok, `${name}: ${JSON.stringify(res.failures.slice(0, 3))}`).toBe(true);
    }
  });
});

describe('elementwise dtypes and forms', () => {
  it('JS numbers take the tensor dtype; two dtypes promote', () => {
    const i = tsr.tensor([7, -7], undefined, 'int32');
    expect(tsr.mod(i, 3).dtype).toBe('int32');
    expect(tsr.maximum(i, 0).dtype).toBe('int32');
    expect(tsr.pow(tsr.tensor([2], undefined, 'float64'), 2).dtype).toBe('float64');
    expect(tsr.maximum(i, tsr.tensor([0.5])).dtype).toBe('float32');
    expect(tsr.sigmoid(i).dtype).toBe('float32');
    expect(tsr.gelu(i).dtype).toBe('float32');
  });

  it('unary float ops keep float32 and float64', () => {
    for (const dt of ['float32', 'float64'] as const) {
      const x = tsr.tensor([0.5], undefined, dt);
      for (const f of [tsr.exp, tsr.log, tsr.erf, tsr.tanh, tsr.sigmoid, tsr.softplus, tsr.rsqrt, tsr.gelu]) expect(f(x).dtype).toBe(dt);
    }
  });

  it('Tensor methods', () => {
    const x = tsr.tensor([-1.5, 0.5, 2]);
    expect(flat(x.relu())).toEqual([0, 0.5, 2]);
    expectClose(flat(x.abs().sqrt().square()), [1.5, 0.5, 2], 1e-6, 1e-6, 'sqrt then square');
    expect(flat(x.clip(-1, 1))).toEqual([-1, 0.5, 1]);
    expect(flat(x.greater(0).logicalAnd(x.less(1)))).toEqual([0, 1, 0]);
    expect(flat(x.pow(2).mod(2))).toEqual([0.25, 0.25, 0]);
    expect(flat(x.maximum(0).minimum(1))).toEqual([0, 0.5, 1]);
    expect(flat(x.round())).toEqual([-2, 0, 2]);
    expect(flat(x.floor().ceil())).toEqual([-2, 0, 2]);
    expect(flat(x.div(0).isFinite().logicalNot())).toEqual([1, 1, 1]);
    expect(x.leakyRelu().elu().selu().gelu(true).softplus().sigmoid().tanh().sin().cos().erf().log1p().reciprocal().rsqrt().shape).toEqual([3]);
  });

  it('where broadcasts over a large operand (row loop) like its same-shape path', () => {
    const c = tsr.tensor([[true], [false], [true]]);
    const a = tsr.arange(0, 3 * 70, 1, 'float32').reshape([3, 70]);
    const b = tsr.tensor([-1]);
    const got = flat(tsr.where(c, a, b));
    const want = flat(tsr.where(tsr.broadcastTo(c, [3, 70]), a, tsr.broadcastTo(b, [3, 70])));
    expect(got).toEqual(want);
    expect(got.slice(68, 72)).toEqual([68, 69, -1, -1]);
  });
});
