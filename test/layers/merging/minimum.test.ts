import { describe, expect, it } from 'vitest';
import * as L from '../../../src/layers/merging/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { bools, run, t } from './merge-helpers.js';

describe('minimum', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.minimum({ name: 'mn' }), input: [[2, 3], [2, 3]], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('takes the elementwise minimum (hand values)', () => {
    expect(run(L.minimum(), [t([[1, 2]]), t([[3, -1]]), t([[0, 5]])]).value).toEqual([[0, -1]]);
  });

  it('leaves out masked values where another input is valid (Keras 3)', () => {
    const a = t([[[-9, -9], [1, 1]]]), b = t([[[4, 4], [2, 2]]]);
    const r = run(L.minimum(), [a, b], [bools([[false, true]]), bools([[true, true]])]);
    expect(r.value).toEqual([[[4, 4], [1, 1]]]);
    expect(r.mask).toEqual([[1, 1]]);
  });
});
