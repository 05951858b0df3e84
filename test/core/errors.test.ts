import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';

describe('shape errors name the op and the shapes', () => {
  it('matmul', () => {
    expect(() => tsr.matmul(tsr.zeros([2, 3]), tsr.zeros([4, 5]))).toThrow(/^matmul: cannot multiply \[2,3\] by \[4,5\]/);
    expect(() => tsr.matmul(tsr.zeros([3]), tsr.zeros([3, 1]))).toThrow(/matmul: both inputs need rank ≥ 2.*Received: \[3\] and \[3,1\]/);
    expect(() => tsr.matmul(tsr.zeros([2, 2, 3]), tsr.zeros([3, 3, 1]))).toThrow(/matmul: cannot broadcast shapes \[2\] and \[3\]/);
  });

  it('broadcasting binary ops', () => {
    expect(() => tsr.add(tsr.zeros([2, 3]), tsr.zeros([4, 5]))).toThrow(/^add: cannot broadcast shapes \[2,3\] and \[4,5\]/);
    expect(() => tsr.mul(tsr.zeros([2]), tsr.zeros([3]))).toThrow(/^mul: cannot broadcast/);
  });

  it('reshape, transpose, sum, broadcastTo', () => {
    expect(() => tsr.reshape(tsr.zeros([2, 3]), [4])).toThrow(/^reshape: cannot reshape \[2,3\] \(6 values\) into \[4\]/);
    expect(() => tsr.reshape(tsr.zeros([2, 3]), [-1, -1])).toThrow(/at most one -1/);
    expect(() => tsr.transpose(tsr.zeros([2, 3]), [0, 0])).toThrow(/^transpose: perm must be a permutation/);
    expect(() => tsr.sum(tsr.zeros([2, 3]), 2)).toThrow(/^sum: axis must be an integer in \[-2, 1\].*Received: axis=2/);
    expect(() => tsr.sum(tsr.zeros([2, 3]), [0, -2])).toThrow(/sum: axes must be unique/);
    expect(() => tsr.broadcastTo(tsr.zeros([2, 3]), [3, 3])).toThrow(/broadcastTo: cannot broadcast/);
  });

  it('errors are raised when the op is applied, not when values are read', () => {
    const a = tsr.exp(tsr.zeros([2, 3])); // pending
    expect(a.isRealized).toBe(false);
    expect(() => tsr.add(a, tsr.zeros([3, 2]))).toThrow(/^add:/);
  });

  it('a disposed tensor cannot be used', () => {
    const a = tsr.ones([2]);
    a.dispose();
    expect(() => tsr.add(a, 1)).toThrow(/was disposed/);
  });

  it('dtype mismatches promote, and explicit casts keep dtypes apart', () => {
    const i = tsr.tensor([1, 2], [2], 'int32');
    expect(tsr.add(i, tsr.tensor([0.5, 0.5])).dtype).toBe('float32');
    expect(tsr.add(i, 1).dtype).toBe('int32'); // JS numbers take the tensor's dtype
    expect(tsr.add(i, 1).arraySync()).toEqual([2, 3]);
    // …unless the tensor's dtype cannot hold the number exactly: no silent truncation.
    expect(tsr.add(i, 0.5).dtype).toBe('float32');
    expect(tsr.add(i, 0.5).arraySync()).toEqual([1.5, 2.5]);
    expect(tsr.less(i, 1.5).arraySync()).toEqual([1, 0]);
    expect(tsr.mul(tsr.tensor([true, false]), 3).arraySync()).toEqual([3, 0]);
  });
});
