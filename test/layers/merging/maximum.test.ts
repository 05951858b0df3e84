import { describe, expect, it } from 'vitest';
import * as L from '../../../src/layers/merging/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { bools, run, t } from './merge-helpers.js';

describe('maximum', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.maximum({ name: 'mx' }), input: [[2, 3], [2, 3]], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('takes the elementwise maximum (hand values)', () => {
    expect(run(L.maximum(), [t([[1, 2]]), t([[3, -1]]), t([[0, 5]])]).value).toEqual([[3, 5]]);
  });

  it('leaves out masked values where another input is valid (Keras 3)', () => {
    const a = t([[[9, 9], [1, 1], [5, 5]]]), b = t([[[0, 0], [2, 2], [7, 7]]]);
    const r = run(L.maximum(), [a, b], [bools([[false, true, false]]), bools([[true, true, false]])]);
    // Step 0: only b is valid → 0 (a's 9 is left out); step 1: both → 2; step 2: neither valid → the
    // first input's value (Keras replaces each masked side by the other, which is then masked too).
    expect(r.value).toEqual([[[0, 0], [2, 2], [5, 5]]]);
    expect(r.mask).toEqual([[1, 1, 0]]);
  });
});
