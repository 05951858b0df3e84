import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/core/index.js';
import { getMask } from '../../../src/layers/layer.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('identity', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.identity({ name: 'i' }), input: [2, 5], expectedOutputShape: [2, 5], expectedWeightShapes: [] });
  });

  it('returns its input, a list, and the mask unchanged', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[1, 2]]);
    expect(L.identity().apply(x)).toBe(x);
    const pair = L.identity().apply([x, x]) as tsr.Tensor[];
    expect(pair.map((t) => t.arraySync())).toEqual([[[1, 2]], [[1, 2]]]);
    const y = L.identity().apply(tsr.ones([1, 3, 2]), { mask: tsr.tensor([[true, false, true]]) });
    expect(getMask(y)!.arraySync()).toEqual([[1, 0, 1]]);
    expect(L.identity({ name: 'id' }).getConfig()).toMatchObject({ name: 'id' });
  });
});
