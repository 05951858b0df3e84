import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/core/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('repeatVector', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.repeatVector({ n: 3, name: 'rv' }), input: [2, 4], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [] });
  });

  it('repeats each sample n times (hand values), and its gradient sums the copies', () => {
    tsr.setBackend('reference');
    const layer = L.repeatVector({ n: 2 });
    expect(layer.apply(tsr.tensor([[1, 2], [3, 4]])).arraySync()).toEqual([[[1, 2], [1, 2]], [[3, 4], [3, 4]]]);
    const g = tsr.grad((x: tsr.Tensor) => tsr.sum(tsr.mul(layer.apply(x), tsr.tensor([[[1, 2], [3, 4]]]))))(tsr.tensor([[5, 6]]));
    expect(g.arraySync()).toEqual([[4, 6]]);
    expect(layer.getConfig()).toMatchObject({ n: 2 });
  });

  it('rejects a bad n and inputs that are not [batch, features]', () => {
    expect(() => L.repeatVector({ n: 0 })).toThrow('repeatVector: n must be an integer ≥ 1. Received: n=0');
    expect(() => L.repeatVector({ n: 1.5 })).toThrow(/Received: n=1.5/);
    expect(() => L.repeatVector({ n: 2, name: 'rep' }).apply(tsr.zeros([1, 2, 3]))).toThrow('rep: expects inputs of rank 2 [batch, features]. Received: input shape [1,2,3]');
  });
});
