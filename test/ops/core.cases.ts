import * as tsr from '../../src/index.js';
import type { OpCase } from '../helpers/test-op.js';

/** The base ops every VJP is written with. */
export const coreCases: OpCase[] = [
  { name: 'add broadcast [2,3]+[3]', fn: (a, b) => tsr.add(a, b), inputs: [{ values: [[1, 2, 3], [4, 5, 6]] }, { values: [10, 20, 30] }], expected: [[11, 22, 33], [14, 25, 36]] },
  { name: 'add broadcast [2,1,3]+[4,1]', fn: (a, b) => tsr.add(a, b), inputs: [[2, 1, 3], [4, 1]], expectedShape: [2, 4, 3] },
  { name: 'sub broadcast', fn: (a, b) => tsr.sub(a, b), inputs: [{ values: [[1, 2], [3, 4]] }, { values: [[1], [2]] }], expected: [[0, 1], [1, 2]] },
  { name: 'mul broadcast scalar tensor', fn: (a, b) => tsr.mul(a, b), inputs: [[3, 4], []] },
  { name: 'mul', fn: (a, b) => tsr.mul(a, b), inputs: [{ values: [1, 2, 3] }, { values: [4, 5, 6] }], expected: [4, 10, 18] },
  { name: 'div', fn: (a, b) => tsr.div(a, b), inputs: [[2, 3], { shape: [3], range: [0.5, 2] }] },
  { name: 'div int truncates', fn: (a, b) => tsr.div(a, b), inputs: [{ values: [7, -7], dtype: 'int32' }, { values: [2, 2], dtype: 'int32' }], expected: [3, -3], grad: false },
  { name: 'neg', fn: (x) => tsr.neg(x), inputs: [{ values: [1, -2] }], expected: [-1, 2] },
  { name: 'exp', fn: (x) => tsr.exp(x), inputs: [[2, 3]], reference: (x) => x.data.map(Math.exp) },
  { name: 'cast float→int32', fn: (x) => tsr.cast(x, 'int32'), inputs: [{ values: [1.7, -1.7, 0] }], expected: [1, -1, 0], grad: false, expectedDtype: 'int32' },
  { name: 'cast float32→float64', fn: (x) => tsr.cast(x, 'float64'), inputs: [[3]] },
  { name: 'sum all', fn: (x) => tsr.sum(x), inputs: [{ values: [[1, 2], [3, 4]] }], expected: 10 },
  { name: 'sum axis 0 keepDims', fn: (x) => tsr.sum(x, 0, true), inputs: [{ values: [[1, 2], [3, 4]] }], expected: [[4, 6]], expectedShape: [1, 2] },
  { name: 'sum axes [0,2]', fn: (x) => tsr.sum(x, [0, -1]), inputs: [[2, 3, 4]], expectedShape: [3] },
  { name: 'reshape -1', fn: (x) => tsr.reshape(x, [3, -1]), inputs: [[2, 3, 2]], expectedShape: [3, 4] },
  { name: 'broadcastTo', fn: (x) => tsr.broadcastTo(x, [2, 3, 4]), inputs: [[3, 1]], expectedShape: [2, 3, 4] },
  { name: 'transpose perm', fn: (x) => tsr.transpose(x, [2, 0, 1]), inputs: [{ values: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] }], expected: [[[1, 3], [5, 7]], [[2, 4], [6, 8]]] },
  { name: 'matmul 2d', fn: (a, b) => tsr.matmul(a, b), inputs: [{ values: [[1, 2], [3, 4]] }, { values: [[5, 6], [7, 8]] }], expected: [[19, 22], [43, 50]] },
  { name: 'matmul batched broadcast', fn: (a, b) => tsr.matmul(a, b), inputs: [[2, 1, 3, 4], [3, 4, 5]], expectedShape: [2, 3, 3, 5] },
  { name: 'matmul transposeA', fn: (a, b) => tsr.matmul(a, b, { transposeA: true }), inputs: [[4, 3], [4, 2]], expectedShape: [3, 2] },
  { name: 'matmul transposeB', fn: (a, b) => tsr.matmul(a, b, { transposeB: true }), inputs: [[2, 3, 4], [5, 4]], expectedShape: [2, 3, 5] },
  { name: 'matmul both transposed', fn: (a, b) => tsr.matmul(a, b, { transposeA: true, transposeB: true }), inputs: [[4, 3], [5, 4]], expectedShape: [3, 5] },
  { name: 'stopGradient is the identity forward', fn: (x) => tsr.stopGradient(x), inputs: [{ values: [1, -2] }], expected: [1, -2], grad: false },
];
