import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/merging/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { run, t } from './merge-helpers.js';

describe('subtract', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.subtract({ name: 's' }), input: [[2, 3], [2, 3]], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('computes inputs[0] − inputs[1] (hand values, broadcasting)', () => {
    expect(run(L.subtract(), [t([[1, 2]]), t([[3, -1]])]).value).toEqual([[-2, 3]]);
    expect(run(L.subtract(), [t([[1, 2], [3, 4]]), t([[1], [2]])]).value).toEqual([[0, 1], [1, 2]]);
  });

  it('takes exactly two inputs', () => {
    const x = tsr.ones([1, 2]);
    expect(() => L.subtract({ name: 'sub' }).apply([x, x, x])).toThrow('sub: is called on a list of exactly 2 tensors. Received: 3 tensors');
    expect(() => L.subtract({ name: 'sub1' }).apply([x])).toThrow('sub1: is called on a list of exactly 2 tensors. Received: 1 tensors');
  });
});
