import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/core/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('permute', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.permute({ dims: [2, 1], name: 'p' }), input: [2, 3, 4], expectedOutputShape: [2, 4, 3], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.permute({ dims: [3, 1, 2], name: 'p3' }), input: [2, 3, 4, 5], expectedOutputShape: [2, 5, 3, 4] });
  });

  it('permutes the non-batch axes, 1-based (hand values)', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 2], [3, 4], [5, 6]]]);
    expect(L.permute({ dims: [2, 1] }).apply(x).arraySync()).toEqual([[[1, 3, 5], [2, 4, 6]]]);
    expect(L.permute({ dims: [1, 2] }).apply(x).arraySync()).toEqual([[[1, 2], [3, 4], [5, 6]]]);
    expect(L.permute({ dims: [2, 1] }).getConfig()).toMatchObject({ dims: [2, 1] });
  });

  it('rejects dims that are not a permutation, and inputs of the wrong rank', () => {
    expect(() => L.permute({ dims: [1, 3] })).toThrow('permute: dims must be a permutation of 1..n (1-based; the batch axis is not included). Received: dims=[1,3]');
    expect(() => L.permute({ dims: [0, 1] })).toThrow(/Received: dims=\[0,1\]/);
    expect(() => L.permute({ dims: [2, 1], name: 'pm' }).apply(tsr.zeros([2, 3]))).toThrow('pm: dims [2,1] need inputs of rank 3. Received: input shape [2,3]');
  });
});
