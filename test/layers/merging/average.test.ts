import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/merging/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { bools, run, t } from './merge-helpers.js';

describe('average', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.average({ name: 'av' }), input: [[2, 3], [2, 3]], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('averages the inputs (hand values) and ORs the masks', () => {
    expect(run(L.average(), [t([[1, 2]]), t([[3, -1]]), t([[2, 2]])]).value).toEqual([[2, 1]]);
    const x = tsr.ones([1, 2, 1]);
    expect(run(L.average(), [x, x], [bools([[false, true]]), bools([[false, false]])]).mask).toEqual([[0, 1]]);
  });
});
