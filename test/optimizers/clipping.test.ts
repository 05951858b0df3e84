import { describe, expect, it } from 'vitest';
import '../../src/backends/reference/index.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import { clipByGlobalNorm, clipByNorm, clipByValue, globalNorm } from '../../src/optimizers/index.js';

const values = (t: Tensor): number[] => Array.from(t.dataSync() as Float32Array);

describe('gradient clipping functions', () => {
  it('clipByValue', () => {
    expect(values(clipByValue(tensor([[-2, 0.5], [3, -0.1]]), 1))).toEqual([-1, 0.5, 1, Math.fround(-0.1)]);
  });

  it('clipByNorm scales only tensors above the norm, zero stays zero', () => {
    expect(values(clipByNorm(tensor([[3], [4]]), 2))).toEqual([Math.fround(1.2), Math.fround(1.6)]);
    expect(values(clipByNorm(tensor([0.3, -0.4]), 2))).toEqual([Math.fround(0.3), Math.fround(-0.4)]);
    expect(values(clipByNorm(tensor([0, 0]), 2))).toEqual([0, 0]);
  });

  it('globalNorm and clipByGlobalNorm', () => {
    expect(globalNorm([tensor([3, 4]), tensor([[12]])]).item()).toBeCloseTo(13, 6);
    const [a, b] = clipByGlobalNorm([tensor([3, 4]), tensor([[12]])], 6.5);
    expect(values(a!)).toEqual([1.5, 2]);
    expect(b!.shape).toEqual([1, 1]);
    expect(values(b!)).toEqual([6]);
    expect(clipByGlobalNorm([tensor([0, 0])], 1).map(values)).toEqual([[0, 0]]);
    expect(clipByGlobalNorm([], 1)).toEqual([]);
  });

  it('an infinite or NaN global norm gives NaN gradients (visible), as Keras', () => {
    const [a] = clipByGlobalNorm([tensor([Infinity, 1])], 1);
    expect(values(a!).every(Number.isNaN)).toBe(true);
  });

  it('rejects bad limits with what it received', () => {
    expect(() => clipByValue(tensor([1]), 0)).toThrow('clipByValue: clipValue must be a finite number > 0. Received: clipValue=0');
    expect(() => clipByNorm(tensor([1]), -1)).toThrow('clipByNorm: clipNorm must be a finite number > 0. Received: clipNorm=-1');
    expect(() => clipByGlobalNorm([tensor([1])], Number.NaN)).toThrow('clipByGlobalNorm: clipNorm must be a finite number > 0. Received: clipNorm=NaN');
    expect(() => globalNorm([])).toThrow('globalNorm: needs at least one tensor. Received: an empty list');
  });
});
