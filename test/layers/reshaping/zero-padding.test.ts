import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/reshaping/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('zeroPadding1d / zeroPadding2d / zeroPadding3d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({ make: () => L.zeroPadding1d({ padding: [1, 2], name: 'z1' }), input: [2, 3, 2], expectedOutputShape: [2, 6, 2], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.zeroPadding2d({ name: 'z2' }), input: [2, 2, 3, 2], expectedOutputShape: [2, 4, 5, 2] });
    await runLayerTest({ make: () => L.zeroPadding3d({ padding: [[0, 1], 2, [1, 0]], name: 'z3' }), input: [1, 2, 2, 2, 1], expectedOutputShape: [1, 3, 6, 3, 1] });
  });

  it('adds zeros before and after each spatial axis (hand values)', () => {
    tsr.setBackend('reference');
    expect(L.zeroPadding1d({ padding: [1, 2] }).apply(tsr.tensor([[[1], [2]]])).arraySync()).toEqual([[[0], [1], [2], [0], [0]]]);
    const y = L.zeroPadding2d({ padding: [[1, 0], [0, 1]] }).apply(tsr.tensor([[[[1], [2]], [[3], [4]]]]));
    expect(y.reshape([3, 3]).arraySync()).toEqual([[0, 0, 0], [1, 2, 0], [3, 4, 0]]);
  });

  it('stores the padding as Keras does', () => {
    expect(L.zeroPadding1d().getConfig()).toMatchObject({ padding: [1, 1], dataFormat: 'channels_last' });
    expect(L.zeroPadding2d({ padding: [1, 2] }).getConfig()['padding']).toEqual([[1, 1], [2, 2]]);
    expect(L.zeroPadding3d({ padding: 2 }).getConfig()['padding']).toEqual([[2, 2], [2, 2], [2, 2]]);
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => L.zeroPadding1d({ padding: -1 })).toThrow('zeroPadding1d: padding must be an integer ≥ 0 or a pair [before, after]. Received: padding=-1');
    expect(() => L.zeroPadding2d({ padding: [1, 2, 3] })).toThrow('zeroPadding2d: padding must be an integer ≥ 0, 2 integers or 2 pairs [before, after]. Received: padding=[1,2,3]');
    expect(() => L.zeroPadding3d({ padding: [[1, 1], [1], [1, 1]] })).toThrow('Received: padding=[[1,1],[1],[1,1]]');
    expect(() => L.zeroPadding2d({ name: 'z' }).apply(tsr.zeros([1, 2, 2]))).toThrow('z: expected an input of rank 4');
  });
});
