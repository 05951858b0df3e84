import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { expectClose, testOps } from '../helpers/test-op.js';
import { compositeCases } from './composite.cases.js';

describe('composite ops', () => testOps(compositeCases));

const flat = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>, Number);
const f64 = (v: tsr.NestedArray[]): tsr.Tensor => tsr.tensor(v, undefined, 'float64');
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

describe('numerical stability', () => {
  it('cross-entropy gradients at logits ±1000 are softmax - onehot exactly', () => {
    const x = f64([[1000, -1000, 0], [-1000, 1000, 999]]);
    const g = tsr.grad((t: tsr.Tensor) => tsr.sparseCategoricalCrossentropy([1, 0], t, { fromLogits: true, reduction: 'sum' }))(x);
    const e = Math.exp(-1);
    expectClose(flat(g), [1, -1, 0, -1, 1 / (1 + e), e / (1 + e)], 1e-12, 1e-12, 'grad');
    const gc = tsr.grad((t: tsr.Tensor) => tsr.categoricalCrossentropy(f64([[0, 1, 0], [1, 0, 0]]), t, { fromLogits: true, reduction: 'sum' }))(x);
    expectClose(flat(gc), flat(g), 1e-12, 1e-12, 'categorical grad');
  });

  it('binary cross-entropy from logits: finite at ±1000 with gradient sigmoid(x) - z', () => {
    const xs = [1000, -1000, 30, -30, 0, 1e-3];
    const zs = [0, 1, 1, 0, 0.5, 1];
    const [loss, g] = tsr.valueAndGrad((t: tsr.Tensor) => tsr.binaryCrossentropy(f64(zs), t, { fromLogits: true, reduction: 'sum' }))(f64(xs));
    expect(Number.isFinite(loss.item())).toBe(true);
    expectClose(flat(g), xs.map((x, i) => sigmoid(x) - zs[i]!), 1e-12, 1e-9, 'grad');
  });

  it('softmax rows sum to one, also for huge logits and float64', () => {
    const s = tsr.softmax(f64([[1e300, 1e300, -1e300], [3, 2, 1]]), -1);
    expectClose(flat(tsr.sum(s, -1)), [1, 1], 1e-12, 0, 'row sums');
    expectClose(flat(s).slice(0, 3), [0.5, 0.5, 0], 0, 0, 'huge row');
  });

  it('softmax of an int tensor gives float32', () => {
    const s = tsr.softmax(tsr.tensor([1, 2], undefined, 'int32'));
    expect(s.dtype).toBe('float32');
  });
});

describe('normalisation', () => {
  it('layerNorm output has zero mean and unit variance per row', () => {
    const x = tsr.randomNormal([4, 64], { key: tsr.randomKey(1), mean: 5, stddev: 3, dtype: 'float64' });
    const { mean, variance } = tsr.moments(tsr.layerNorm(x, null, null, { epsilon: 0 }), -1);
    expectClose(flat(mean), [0, 0, 0, 0], 1e-12, 0, 'mean');
    expectClose(flat(variance), [1, 1, 1, 1], 1e-12, 0, 'variance');
  });

  it('moments default to all axes', () => {
    const { mean, variance } = tsr.moments(tsr.tensor([[1, 2], [3, 6]]));
    expect(mean.shape).toEqual([]);
    expectClose(flat(mean), [3], 1e-6, 0, 'mean');
    expectClose(flat(variance), [3.5], 1e-6, 0, 'variance');
  });

  it('batchNorm equals layer-style normalisation with its own statistics', () => {
    const x = tsr.randomNormal([8, 3], { key: tsr.randomKey(2), dtype: 'float64' });
    const { mean, variance } = tsr.moments(x, 0);
    const y = tsr.batchNorm(x, mean, variance, null, null, 0);
    const m2 = tsr.moments(y, 0);
    expectClose(flat(m2.mean), [0, 0, 0], 1e-12, 0, 'mean');
    expectClose(flat(m2.variance), [1, 1, 1], 1e-12, 0, 'variance');
  });
});

describe('attention', () => {
  it('a masked key has no influence on the output, and a zero gradient', () => {
    const key = tsr.randomKey(3);
    const [kq, kk, kv] = tsr.splitKey(key, 3) as [tsr.RandomKey, tsr.RandomKey, tsr.RandomKey];
    const q = tsr.randomNormal([1, 2, 4], { key: kq, dtype: 'float64' });
    const k = tsr.randomNormal([1, 3, 4], { key: kk, dtype: 'float64' });
    const v = tsr.randomNormal([1, 3, 2], { key: kv, dtype: 'float64' });
    const mask = tsr.tensor([true, false, true]);
    const out = flat(tsr.scaledDotProductAttention(q, k, v, { mask }));
    const v2 = tsr.add(v, f64([[[0, 0], [100, 100], [0, 0]]]));
    expect(flat(tsr.scaledDotProductAttention(q, k, v2, { mask }))).toEqual(out);
    const gk = tsr.grad((kt: tsr.Tensor) => tsr.scaledDotProductAttention(q, kt, v, { mask }).sum())(k);
    expect(flat(gk).slice(4, 8)).toEqual([0, 0, 0, 0]);
  });

  it('causal: the first query sees only the first key', () => {
    const q = tsr.tensor([[[1, 0], [0, 1], [1, 1]]]);
    const v = tsr.tensor([[[1], [2], [3]]]);
    const out = flat(tsr.scaledDotProductAttention(q, q, v, { causal: true }));
    expect(out[0]).toBeCloseTo(1, 6);
  });
});

describe('composite argument errors', () => {
  it('losses check shapes, labels and reductions', () => {
    expect(() => tsr.meanSquaredError(tsr.ones([2, 3]), tsr.ones([3, 2]))).toThrow(/meanSquaredError: yTrue and yPred must have the same shape. Received: yTrue \[2,3\], yPred \[3,2\]/);
    expect(() => tsr.categoricalCrossentropy(tsr.ones([2]), tsr.ones([2, 3]))).toThrow(/categoricalCrossentropy: yTrue and yPred must have the same shape/);
    expect(() => tsr.sparseCategoricalCrossentropy(tsr.tensor([0, 1, 2], undefined, 'int32'), tsr.ones([2, 3]))).toThrow(/sparseCategoricalCrossentropy: yTrue must hold one class index per example, of shape \[2\].*Received: yTrue \[3\]/);
    expect(() => tsr.sparseCategoricalCrossentropy(tsr.tensor([0, 3], undefined, 'int32'), tsr.ones([2, 3]))).toThrow(/sparseCategoricalCrossentropy: class indices must be integers in \[0, 2\]. Received: 3 at position 1/);
    expect(() => tsr.sparseCategoricalCrossentropy(tsr.tensor([-1, 0], undefined, 'int32'), tsr.ones([2, 3]))).toThrow(/class indices must be integers in \[0, 2\]. Received: -1/);
    expect(() => tsr.sparseCategoricalCrossentropy(tsr.tensor([0.5, 0]), tsr.ones([2, 3]))).toThrow(/class indices must be integers/);
    expect(() => tsr.binaryCrossentropy([1], [0.5], { reduction: 'avg' as 'mean' })).toThrow(/binaryCrossentropy: reduction must be 'mean', 'sum' or 'none'. Received: reduction=avg/);
    expect(() => tsr.huber([1], [2], { delta: 0 })).toThrow(/huber: delta must be a finite positive number. Received: delta=0/);
    expect(() => tsr.softmax(tsr.ones([2, 3]), 2)).toThrow(/softmax: axis must be an integer in \[-2, 1\]/);
    expect(() => tsr.logSoftmax(tsr.ones([2, 3]), -3)).toThrow(/logSoftmax: axis must be/);
  });

  it('pending (not yet computed) negative labels are an error, never the last class', () => {
    const logits = tsr.tensor([[1, 2, 3], [1, 2, 3]]);
    const labels = tsr.sub(tsr.tensor([1, 1], [2], 'int32'), 2); // pending: [-1, -1]
    expect(labels.isRealized).toBe(false);
    const loss = tsr.sparseCategoricalCrossentropy(labels, logits, { fromLogits: true });
    expect(() => loss.dataSync()).toThrow(/takeAlongAxis: indices must be in \[0, 2\] here \(negative indices are disabled\). Received: -1/);
  });

  it('float class labels are accepted (cast), like Keras', () => {
    const a = tsr.sparseCategoricalCrossentropy(tsr.tensor([1, 0]), tsr.tensor([[0.3, 0.7], [0.6, 0.4]]));
    expectClose(flat(a), [-(Math.log(0.7) + Math.log(0.6)) / 2], 1e-6, 1e-6, 'loss');
  });

  it('normalisation checks parameter shapes', () => {
    expect(() => tsr.layerNorm(tsr.ones([2, 3]), tsr.ones([2]))).toThrow(/layerNorm: gamma must have the shape of the normalised axes \[3\] of x \[2,3\]. Received: gamma \[2\]/);
    expect(() => tsr.layerNorm(tsr.ones([2, 3]), null, null, { epsilon: -1 })).toThrow(/layerNorm: epsilon must be a non-negative number/);
    expect(() => tsr.batchNorm(tsr.ones([2, 3]), tsr.ones([2]), tsr.ones([3]))).toThrow(/batchNorm: mean must broadcast to x's shape \[2,3\]. Received: mean \[2\]/);
    expect(() => tsr.batchNorm(tsr.ones([2, 3]), tsr.ones([3]), tsr.ones([3]), tsr.ones([2, 2, 3]))).toThrow(/batchNorm: offset must broadcast/);
  });

  it('attention checks q/k/v and mask shapes', () => {
    const q = tsr.ones([2, 3, 4]);
    expect(() => tsr.scaledDotProductAttention(q, tsr.ones([2, 5, 3]), tsr.ones([2, 5, 6]))).toThrow(/scaledDotProductAttention: expected q \[..., Lq, d\], k \[..., Lk, d\], v \[..., Lk, dv\]. Received: q \[2,3,4\], k \[2,5,3\]/);
    expect(() => tsr.scaledDotProductAttention(q, tsr.ones([2, 5, 4]), tsr.ones([2, 4, 6]))).toThrow(/scaledDotProductAttention: expected q/);
    expect(() => tsr.scaledDotProductAttention(tsr.ones([4]), q, q)).toThrow(/scaledDotProductAttention: q, k and v need rank ≥ 2/);
    expect(() => tsr.scaledDotProductAttention(q, tsr.ones([3, 5, 4]), tsr.ones([3, 5, 6]))).toThrow(/scaledDotProductAttention: the leading axes of q, k and v must broadcast/);
    expect(() => tsr.scaledDotProductAttention(q, q, q, { mask: tsr.ones([2, 3, 4]) })).toThrow(/scaledDotProductAttention: mask must broadcast to the scores' shape \[2,3,3\]. Received: mask \[2,3,4\]/);
    expect(() => tsr.scaledDotProductAttention(q, q, q, { mask: tsr.ones([3, 3], 'int32') })).toThrow(/scaledDotProductAttention: mask must be bool \(true = attend\) or float/);
    expect(() => tsr.scaledDotProductAttention(q, q, q, { scale: Number.NaN })).toThrow(/scaledDotProductAttention: scale must be a finite number/);
  });
});
