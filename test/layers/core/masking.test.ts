import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/core/index.js';
import { getMask } from '../../../src/layers/layer.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('masking', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.masking({ maskValue: 0.5, name: 'm' }), input: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [] });
  });

  it('masks the steps whose features all equal maskValue, zeroes them and hands the mask on', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 2], [-1, -1], [3, -1]], [[-1, -1], [0, 0], [Infinity, -1]]]);
    const y = L.masking({ maskValue: -1 }).apply(x);
    expect(y.arraySync()).toEqual([[[1, 2], [0, 0], [3, -1]], [[0, 0], [0, 0], [Infinity, -1]]]);
    expect(getMask(y)!.arraySync()).toEqual([[1, 0, 1], [0, 1, 1]]);
    // Layers that support masking pass it on; the default maskValue is 0.
    const z = L.masking().apply(tsr.tensor([[[0, 0], [0, 1]]]));
    expect(getMask(z)!.arraySync()).toEqual([[0, 1]]);
    expect(getMask(L.dense({ units: 2 }).apply(z))!.arraySync()).toEqual([[0, 1]]);
  });

  it('gives symbolic outputs a mask, and saves maskValue', () => {
    const out = L.masking({ maskValue: 2 }).apply(tsr.layers.input({ shape: [5, 3] }));
    expect(out.hasMask).toBe(true);
    expect(L.masking({ maskValue: 2 }).getConfig()).toMatchObject({ maskValue: 2 });
    expect(() => L.masking({ maskValue: 'x' as unknown as number })).toThrow('masking: maskValue must be a number. Received: maskValue="x"');
  });
});
