import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/merging/index.js';
import { masking } from '../../../src/layers/core/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { bools, run, t } from './merge-helpers.js';

describe('add', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.add({ name: 'a' }), input: [[2, 3], [2, 3], [2, 3]], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.add({ name: 'ab' }), input: [[2, 4, 3], [2, 3]], expectedOutputShape: [2, 4, 3] });
  });

  it('sums the inputs, broadcasting a lower-rank input after the batch axis (as Keras)', () => {
    expect(run(L.add(), [t([[1, 2]]), t([[3, -1]]), t([[10, 10]])]).value).toEqual([[14, 11]]);
    // [1, 2] with [1, 2, 2]: the [batch, d] input becomes [batch, 1, d] (not numpy's trailing alignment).
    expect(run(L.add(), [t([[1, 2]]), t([[[10, 20], [30, 40]]])]).value).toEqual([[[11, 22], [31, 42]]]);
    expect(run(L.add(), [t([[5, 6]])]).value).toEqual([[5, 6]]);
  });

  it('ORs the masks (Keras 3), and gives none when an input has none', () => {
    const x = tsr.ones([1, 3, 2]);
    expect(run(L.add(), [x, x], [bools([[true, true, false]]), bools([[true, false, false]])]).mask).toEqual([[1, 1, 0]]);
    expect(run(L.add(), [x, x], [bools([[true, true, false]]), null]).mask).toBeNull();
  });

  it('hands masks on in functional models', () => {
    const a = tsr.layers.input({ shape: [4, 2] }), b = tsr.layers.input({ shape: [4, 2] });
    const ma = masking().apply(a), mb = masking().apply(b);
    expect((L.add().apply([ma, mb]) as tsr.layers.SymbolicTensor).hasMask).toBe(true);
    expect((L.add().apply([ma, b]) as tsr.layers.SymbolicTensor).hasMask).toBe(false);
    expect((L.concatenate().apply([ma, b]) as tsr.layers.SymbolicTensor).hasMask).toBe(true);
    expect((L.dot({ axes: 2 }).apply([ma, mb]) as tsr.layers.SymbolicTensor).hasMask).toBe(false);
  });

  it('rejects a single tensor, different batch sizes and incompatible shapes', () => {
    expect(() => L.add({ name: 'plus' }).apply(tsr.ones([1, 2]))).toThrow('plus: is called on a list of tensors. Received: one input of shape [1,2]');
    expect(() => L.add({ name: 'p2' }).apply([tsr.ones([1, 2]), tsr.ones([2, 2])])).toThrow('p2: cannot merge tensors with different batch sizes. Received: shapes [1,2], [2,2]');
    expect(() => L.add({ name: 'p3' }).apply([tsr.ones([1, 2]), tsr.ones([1, 3])])).toThrow('p3: inputs have incompatible shapes. Received: sample shapes [2] and [3]');
    const a = tsr.layers.input({ shape: [4] }), b = tsr.layers.input({ shape: [5] });
    expect(() => L.add({ name: 'p4' }).apply([a, b])).toThrow(/p4: inputs have incompatible shapes/);
  });
});
