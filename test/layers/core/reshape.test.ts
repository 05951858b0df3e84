import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/core/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('reshape', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.reshape({ targetShape: [4, -1], name: 'r' }), input: [2, 3, 4], expectedOutputShape: [2, 4, 3], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.reshape({ targetShape: [2, 3, 2], name: 'r3' }), input: [2, 12], expectedOutputShape: [2, 2, 3, 2] });
  });

  it('reshapes each sample, keeping the batch (hand values)', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 2], [3, 4], [5, 6]]]);
    expect(L.reshape({ targetShape: [2, 3] }).apply(x).arraySync()).toEqual([[[1, 2, 3], [4, 5, 6]]]);
    expect(L.reshape({ targetShape: [-1] }).apply(x).arraySync()).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(L.reshape({ targetShape: [-1, 2] }).apply(tsr.layers.input({ shape: [3, 4] })).shape).toEqual([null, 6, 2]);
    expect(L.reshape({ targetShape: [3, -1] }).getConfig()).toMatchObject({ targetShape: [3, -1] });
  });

  it('rejects bad target shapes with what it received', () => {
    expect(() => L.reshape({ targetShape: [-1, -1] })).toThrow('reshape: targetShape must be a list of positive integers with at most one -1. Received: targetShape=[-1,-1]');
    expect(() => L.reshape({ targetShape: [0, 2] })).toThrow(/Received: targetShape=\[0,2\]/);
    expect(() => L.reshape({ targetShape: [4], name: 'rs' }).apply(tsr.zeros([2, 3]))).toThrow('rs: cannot reshape samples of shape [3] (3 values) to targetShape [4]. Received: input shape [2,3]');
    expect(() => L.reshape({ targetShape: [2, -1], name: 'rs2' }).apply(tsr.zeros([2, 3]))).toThrow(/rs2: cannot reshape samples of shape \[3\]/);
  });
});
