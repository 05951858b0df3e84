import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';

describe('tensor creation', () => {
  it('infers shape and float32 dtype from nested arrays', () => {
    const a = tsr.tensor([[1, 2], [3, 4]]);
    expect(a.shape).toEqual([2, 2]);
    expect(a.dtype).toBe('float32');
    expect(a.arraySync()).toEqual([[1, 2], [3, 4]]);
    expect(a.dataSync()).toBeInstanceOf(Float32Array);
  });

  it('takes an explicit shape and dtype', () => {
    const a = tsr.tensor([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    expect(a.shape).toEqual([2, 3]);
    expect(a.dataSync()).toEqual(new Int32Array([1, 2, 3, 4, 5, 6]));
  });

  it('maps typed arrays and booleans to dtypes', () => {
    expect(tsr.tensor(new Int32Array([1])).dtype).toBe('int32');
    expect(tsr.tensor(new Float64Array([1])).dtype).toBe('float64');
    expect(tsr.tensor([true, false]).dtype).toBe('bool');
    expect(tsr.tensor(new BigInt64Array([5n])).dtype).toBe('int64');
  });

  it('returns int64 data as BigInt64Array and rejects unsafe int64 values', () => {
    expect(tsr.tensor([1, 2], [2], 'int64').dataSync()).toEqual(new BigInt64Array([1n, 2n]));
    expect(() => tsr.tensor([2 ** 60], [1], 'int64')).toThrow(/tensor: int64 values beyond/);
  });

  it('rejects ragged arrays, wrong sizes and bad dtypes with the op named', () => {
    expect(() => tsr.tensor([[1, 2], [3]])).toThrow(/tensor: nested arrays must be rectangular/);
    expect(() => tsr.tensor([1, 2, 3], [2, 2])).toThrow(/tensor: shape \[2,2\] holds 4 values. Received: 3 values/);
    expect(() => tsr.tensor([1], [1], 'float16' as tsr.DType)).toThrow(/dtype must be one of/);
    expect(() => tsr.zeros([2, -1])).toThrow(/full: shape dimensions must be non-negative integers/);
  });

  it('creates filled, ranged and identity tensors', () => {
    expect(tsr.zeros([2]).arraySync()).toEqual([0, 0]);
    expect(tsr.ones([1, 2], 'int32').arraySync()).toEqual([[1, 1]]);
    expect(tsr.full([2], 7).arraySync()).toEqual([7, 7]);
    expect(tsr.zerosLike(tsr.tensor([[1, 2]])).shape).toEqual([1, 2]);
    expect(tsr.onesLike(tsr.tensor([1, 2], [2], 'int32')).dtype).toBe('int32');
    expect(tsr.arange(5).arraySync()).toEqual([0, 1, 2, 3, 4]);
    expect(tsr.arange(5).dtype).toBe('int32');
    expect(tsr.arange(1, 2, 0.25).arraySync()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(tsr.arange(5, 0, -2).arraySync()).toEqual([5, 3, 1]);
    expect(() => tsr.arange(0, 1, 0)).toThrow(/arange: step must be/);
    expect(tsr.linspace(0, 1, 5).arraySync()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(tsr.eye(2, 3).arraySync()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(tsr.eye(3, 3, 1).arraySync()).toEqual([[0, 1, 0], [0, 0, 1], [0, 0, 0]]);
  });

  it('reads data asynchronously and returns copies', async () => {
    const a = tsr.tensor([1, 2, 3]);
    const d = await a.data();
    d[0] = 100;
    expect(await a.array()).toEqual([1, 2, 3]);
    expect(tsr.tensor(5).item()).toBe(5);
  });
});

describe('printing', () => {
  it('shows values, shape and dtype like numpy', () => {
    expect(tsr.tensor([[1, 2], [3, 4]]).toString()).toBe('tensor([[1., 2.],\n        [3., 4.]], shape=[2,2], dtype=float32)');
    expect(tsr.tensor([1, 22, 333], [3], 'int32').toString()).toBe('tensor([  1,  22, 333], shape=[3], dtype=int32)');
    expect(tsr.tensor(0.5).toString()).toBe('tensor(0.5, shape=[], dtype=float32)');
    expect(tsr.tensor([true, false]).toString()).toBe('tensor([ true, false], shape=[2], dtype=bool)');
  });

  it('summarises large tensors', () => {
    const s = tsr.arange(2000).toString();
    expect(s).toContain('...');
    expect(s).toContain('1999');
    expect(s.length).toBeLessThan(200);
  });
});

describe('laziness', () => {
  it('returns pending tensors and computes them once when read', () => {
    const a = tsr.tensor([1, 2, 3]);
    const b = tsr.exp(a);
    expect(b.isRealized).toBe(false);
    const first = b.dataSync();
    expect(b.isRealized).toBe(true);
    // The graph behind a realized tensor is dropped: nothing can recompute it.
    expect(b._pending).toBeNull();
    expect(b.dataSync()).toEqual(first);
  });

  it('computes a shared intermediate once', () => {
    let calls = 0;
    const counting = tsr.defineOp({
      name: 'test.countingIdentity',
      infer: ([x]) => x!,
      kernel: ([x]) => {
        calls++;
        return x!.data.slice();
      },
      vjp: (g) => [g],
    });
    const x = tsr.tensor([1, 2]);
    const shared = tsr.applyOp(counting, [x], {});
    const y = tsr.add(shared, shared);
    const z = tsr.mul(shared, 2);
    y.dataSync();
    z.dataSync();
    shared.dataSync();
    expect(calls).toBe(1);
  });

  it('evaluates a 10,000-op chain without a stack overflow and with bounded memory', () => {
    let x = tsr.tensor([0, 0, 0]);
    for (let i = 0; i < 10_000; i++) x = tsr.add(x, 1);
    expect(x.arraySync()).toEqual([10_000, 10_000, 10_000]);
    expect(x._depth).toBe(0);
  });

  it('does not grow memory over a long loop of ops', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    let x = tsr.zeros([256, 256]);
    const step = (n: number) => {
      for (let i = 0; i < n; i++) {
        x = tsr.add(tsr.mul(x, 0.5), 1);
        if (i % 100 === 0) x.dataSync();
      }
      x.dataSync();
    };
    step(500);
    gc?.();
    const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    step(10_000);
    gc?.();
    const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    // 10,000 ops on 256 KiB tensors is 2.6 GB if anything were retained; allow GC slack.
    expect(after - before).toBeLessThan(64 * 1024 * 1024);
    expect(x.arraySync()).toBeDefined();
  });
});

