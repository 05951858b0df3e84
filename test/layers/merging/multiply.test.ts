import { describe, expect, it } from 'vitest';
import * as L from '../../../src/layers/merging/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { bools, run, t } from './merge-helpers.js';

describe('multiply', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.multiply({ name: 'm' }), input: [[2, 3], [2, 3]], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('multiplies the inputs (hand values)', () => {
    expect(run(L.multiply(), [t([[1, 2]]), t([[3, -1]]), t([[2, 2]])]).value).toEqual([[6, -4]]);
  });

  it('counts masked values as 1 and zeroes steps masked in every input (Keras 3)', () => {
    const a = t([[[2, 3], [4, 5], [6, 7]]]), b = t([[[10, 10], [20, 20], [30, 30]]]);
    const both = run(L.multiply(), [a, b], [bools([[true, false, false]]), bools([[true, true, false]])]);
    expect(both.value).toEqual([[[20, 30], [20, 20], [0, 0]]]);
    expect(both.mask).toEqual([[1, 1, 0]]);
    // One input without a mask: masked values still count as 1, nothing is zeroed, no output mask.
    const one = run(L.multiply(), [a, b], [bools([[true, false, false]]), null]);
    expect(one.value).toEqual([[[20, 30], [20, 20], [30, 30]]]);
    expect(one.mask).toBeNull();
  });
});
