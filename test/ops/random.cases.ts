import * as tsr from '../../src/index.js';
import { threefry2x32, uniform24 } from '../../src/ops/random/threefry.js';
import type { OpCase } from '../helpers/test-op.js';

const key = tsr.randomKey(42);

/** Plain-JS float32 uniforms of `key`, one scalar Threefry block per element (the documented layout). */
export function uniformsOf(k: tsr.RandomKey, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.fround(uniform24(threefry2x32(k, i, 0)[0])));
}

/** x · mask / (1 - rate), the mask from the documented bit layout. */
function dropoutReference(x: number[], rate: number, maskIndex: (i: number) => number, n: number): number[] {
  const u = uniformsOf(key, n);
  return x.map((v, i) => (u[maskIndex(i)]! >= Math.fround(rate) ? v * Math.fround(1 / (1 - rate)) : 0));
}

/** Random ops: forward checks against the bit layout; dropout also gradient-checked with a fixed key. */
export const randomCases: OpCase[] = [
  {
    name: 'randomUniform [2,3] matches the Threefry bit layout',
    fn: () => tsr.randomUniform([2, 3], { key }),
    inputs: [],
    reference: () => uniformsOf(key, 6),
    expectedShape: [2, 3],
    expectedDtype: 'float32',
    grad: false,
  },
  {
    name: 'randomUniform minval/maxval',
    fn: () => tsr.randomUniform([5], { key, minval: -3, maxval: 5 }),
    inputs: [],
    reference: () => uniformsOf(key, 5).map((u) => -3 + 8 * u),
    grad: false,
  },
  {
    name: 'randomNormal float64 shape and dtype',
    fn: () => tsr.randomNormal([3, 4], { key, mean: 2, stddev: 0.5, dtype: 'float64' }),
    inputs: [],
    expectedShape: [3, 4],
    expectedDtype: 'float64',
    grad: false,
  },
  {
    name: 'randint int64',
    fn: () => tsr.randint([7], 10, 12, { key, dtype: 'int64' }),
    inputs: [],
    expectedDtype: 'int64',
    grad: false,
  },
  {
    name: 'dropout rate 0.3 with a fixed key (gradient = mask / 0.7)',
    fn: (x) => tsr.dropout(x, 0.3, { key }),
    inputs: [[4, 5]],
    reference: (x) => dropoutReference(x.data, 0.3, (i) => i, 20),
    gradMaxElements: 0,
  },
  {
    name: 'dropout noiseShape [4,1] (one mask cell per row)',
    fn: (x) => tsr.dropout(x, 0.5, { key, noiseShape: [null, 1] }),
    inputs: [[4, 3]],
    reference: (x) => dropoutReference(x.data, 0.5, (i) => Math.floor(i / 3), 4),
    gradMaxElements: 0,
  },
];
