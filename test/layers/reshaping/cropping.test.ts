import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/reshaping/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('cropping1d / cropping2d / cropping3d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({ make: () => L.cropping1d({ name: 'c1' }), input: [2, 5, 2], expectedOutputShape: [2, 3, 2], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.cropping2d({ cropping: [[1, 0], [0, 2]], name: 'c2' }), input: [2, 4, 5, 2], expectedOutputShape: [2, 3, 3, 2] });
    await runLayerTest({ make: () => L.cropping3d({ name: 'c3' }), input: [1, 3, 4, 5, 1], expectedOutputShape: [1, 1, 2, 3, 1] });
  });

  it('removes cells from the start and end of each spatial axis (hand values)', () => {
    tsr.setBackend('reference');
    expect(L.cropping1d({ cropping: [2, 1] }).apply(tsr.tensor([[[1], [2], [3], [4], [5]]])).arraySync()).toEqual([[[3], [4]]]);
    const x = tsr.arange(12).reshape([1, 3, 4, 1]);
    expect(L.cropping2d({ cropping: [[1, 0], [1, 2]] }).apply(x).reshape([2, 1]).arraySync()).toEqual([[5], [9]]);
    expect(L.cropping2d().apply(x).shape).toEqual([1, 3, 4, 1]);
  });

  it('infers shapes with unknown spatial sizes', () => {
    const x = tsr.layers.input({ shape: [null, 3] });
    expect(L.cropping1d({ cropping: [1, 2] }).apply(x).shape).toEqual([null, null, 3]);
  });

  it('stores the cropping as Keras does', () => {
    expect(L.cropping1d().getConfig()).toMatchObject({ cropping: [1, 1] });
    expect(L.cropping2d({ cropping: 1 }).getConfig()).toMatchObject({ cropping: [[1, 1], [1, 1]], dataFormat: 'channels_last' });
    expect(L.cropping3d({ cropping: [1, 2, 3] }).getConfig()['cropping']).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it('rejects bad arguments and inputs with what it received', () => {
    expect(() => L.cropping1d({ cropping: [1, -1] })).toThrow('cropping1d: cropping must be an integer ≥ 0 or a pair [before, after]. Received: cropping=[1,-1]');
    expect(() => L.cropping2d({ name: 'c', cropping: [[2, 1], [0, 0]] }).apply(tsr.zeros([1, 3, 3, 1]))).toThrow(
      'c: cropping must leave at least one cell on each spatial axis. Received: input shape [1,3,3,1], cropping=[[2,1],[0,0]]');
    expect(() => L.cropping3d({ dataFormat: 'channels_first' })).toThrow(`cropping3d: only dataFormat 'channels_last' is supported`);
  });
});
