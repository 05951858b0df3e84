import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/merging/index.js';
import '../../../src/backends/onnxruntime/node.js';
import { getMask } from '../../../src/layers/layer.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { bools, run, t } from './merge-helpers.js';

describe('concatenate', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.concatenate({ name: 'c' }), input: [[2, 3], [2, 4]], expectedOutputShape: [2, 7], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.concatenate({ axis: 1, name: 'c1' }), input: [[2, 3, 4], [2, 2, 4], [2, 1, 4]], expectedOutputShape: [2, 6, 4] });
  });

  it('joins along the axis (hand values)', () => {
    expect(run(L.concatenate(), [t([[1, 2]]), t([[3, -1]])]).value).toEqual([[1, 2, 3, -1]]);
    expect(run(L.concatenate({ axis: 1 }), [t([[1, 2]]), t([[3, -1]])]).value).toEqual([[1, 2, 3, -1]]);
    expect(run(L.concatenate({ axis: -2 }), [t([[[1, 2]]]), t([[[3, 4], [5, 6]]])]).value).toEqual([[[1, 2], [3, 4], [5, 6]]]);
    const a = tsr.layers.input({ shape: [null, 3] }), b = tsr.layers.input({ shape: [null, 5] });
    expect((L.concatenate().apply([a, b]) as tsr.layers.SymbolicTensor).shape).toEqual([null, null, 8]);
  });

  it('widens and joins the masks, then ORs along the last axis (Keras 3)', () => {
    const x = tsr.ones([1, 3, 2]);
    // Along the time axis: the masks are joined (a missing mask counts as all valid).
    expect(run(L.concatenate({ axis: 1 }), [x, x], [bools([[true, true, false]]), null]).mask).toEqual([[1, 1, 0, 1, 1, 1]]);
    // Along the features: a step is valid when it is valid in any input.
    expect(run(L.concatenate(), [x, x], [bools([[true, false, false]]), bools([[false, false, true]])]).mask).toEqual([[1, 0, 1]]);
    expect(run(L.concatenate(), [x, x], [null, null]).mask).toBeNull();
  });

  it('computes masked merges alike on ONNX Runtime (bool masks, where, any)', async () => {
    const a = t([[[9, 1], [1, 5], [5, 2]]]), b = t([[[0, 3], [2, 2], [7, 0]]]);
    const masks = [bools([[false, true, true]]), bools([[true, true, false]])];
    tsr.setBackend('onnxruntime');
    try {
      const cat = L.concatenate({ axis: 1 }).apply([a, b], { mask: masks }) as tsr.Tensor;
      expect(Array.from((await getMask(cat)!.data()) as Uint8Array, Number)).toEqual([0, 1, 1, 1, 1, 0]);
      const mx = L.maximum().apply([a, b], { mask: masks }) as tsr.Tensor;
      expect(Array.from((await mx.data()) as Float32Array)).toEqual([0, 3, 2, 5, 5, 2]);
      const mul = L.multiply().apply([a, b], { mask: masks }) as tsr.Tensor;
      expect(Array.from((await mul.data()) as Float32Array)).toEqual([0, 3, 2, 10, 5, 2]);
    } finally {
      tsr.setBackend('reference');
    }
  });

  it('rejects mismatched shapes and a bad axis', () => {
    expect(() => L.concatenate({ axis: 1.5 })).toThrow('concatenate: axis must be an integer. Received: axis=1.5');
    expect(() => L.concatenate({ name: 'cat' }).apply([tsr.ones([1, 2, 3]), tsr.ones([1, 3, 3])]))
      .toThrow('cat: needs inputs of one rank that match on every axis but the concatenation axis -1. Received: shapes [1,2,3], [1,3,3]');
    expect(() => L.concatenate({ name: 'cat2' }).apply([tsr.ones([1, 2, 3]), tsr.ones([1, 3])])).toThrow(/cat2: needs inputs of one rank/);
    expect(() => L.concatenate({ axis: 3, name: 'cat3' }).apply([tsr.ones([1, 2, 3]), tsr.ones([1, 2, 3])])).toThrow('cat3: axis 3 is out of range for inputs of rank 3. Received: shapes [1,2,3], [1,2,3]');
  });
});
