import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/core/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('flatten', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.flatten({ name: 'f' }), input: [2, 3, 4, 5], expectedOutputShape: [2, 60], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.flatten({ name: 'f1' }), input: [3], expectedOutputShape: [3, 1] });
  });

  it('flattens each sample in row-major (channels-last) order', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
    expect(L.flatten().apply(x).arraySync()).toEqual([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);
    expect(L.flatten().apply(tsr.zeros([0, 2, 3])).shape).toEqual([0, 6]);
  });

  it('infers unknown sizes symbolically and keeps dataFormat in its config', () => {
    const inp = tsr.layers.input({ shape: [null, 3] });
    expect(L.flatten().apply(inp).shape).toEqual([null, null]);
    expect(L.flatten().apply(tsr.layers.input({ shape: [4, 3] })).shape).toEqual([null, 12]);
    expect(L.flatten().getConfig()).toMatchObject({ dataFormat: 'channels_last' });
    expect(() => L.flatten({ dataFormat: 'channels_first' })).toThrow(/flatten: only dataFormat 'channels_last' is supported.*Received: dataFormat="channels_first"/);
  });
});
