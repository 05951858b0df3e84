import * as tsr from '../../src/index.js';
import type { OpCase } from '../helpers/test-op.js';

type Ref = { data: number[]; shape: readonly number[] };

/**
 * Plain-JS oracle for every window/padding op: output element at (i0, i1, …) is
 * x[lists[0][i0], lists[1][i1], …], or `fill` where an index is -1.
 */
export function pick(x: Ref, lists: readonly (readonly number[])[], fill = 0): number[] {
  const out: number[] = [];
  const strides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const rec = (axis: number, offset: number, valid: boolean): void => {
    if (axis === lists.length) {
      out.push(valid ? x.data[offset]! : fill);
      return;
    }
    for (const i of lists[axis]!) rec(axis + 1, offset + Math.max(i, 0) * strides[axis]!, valid && i >= 0);
  };
  rec(0, 0, true);
  return out;
}

const f64 = { dtype: 'float64' as const };

export const shapeCases: OpCase[] = [
  // expandDims / squeeze
  { name: 'expandDims axis 0', fn: (x) => tsr.expandDims(x, 0), inputs: [[2, 3]], expectedShape: [1, 2, 3] },
  { name: 'expandDims axis -1', fn: (x) => tsr.expandDims(x, -1), inputs: [{ values: [1, 2] }], expected: [[1], [2]], expectedShape: [2, 1] },
  { name: 'expandDims middle of a scalar-free rank 3', fn: (x) => x.expandDims(2), inputs: [[2, 3, 4]], expectedShape: [2, 3, 1, 4] },
  { name: 'squeeze all size-1 axes', fn: (x) => tsr.squeeze(x), inputs: [[1, 3, 1, 2]], expectedShape: [3, 2] },
  { name: 'squeeze given axes', fn: (x) => x.squeeze([0, -2]), inputs: [[1, 3, 1, 2]], expectedShape: [3, 2] },
  { name: 'squeeze to a scalar', fn: (x) => tsr.squeeze(x), inputs: [{ values: [[5]] }], expected: 5, expectedShape: [] },

  // slice (tfjs begin/size)
  {
    name: 'slice begin/size with -1', fn: (x) => tsr.slice(x, [1, 1], [2, -1]),
    inputs: [{ values: [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]] }], expected: [[6, 7, 8], [10, 11, 12]],
  },
  { name: 'slice number begin = first axis', fn: (x) => tsr.slice(x, 1), inputs: [[3, 2, 2]], expectedShape: [2, 2, 2], reference: (x) => pick(x, [[1, 2], [0, 1], [0, 1]]) },
  { name: 'slice negative begin, partial size list', fn: (x) => x.slice([0, -3], [2]), inputs: [[3, 5]], expectedShape: [2, 3], reference: (x) => pick(x, [[0, 1], [2, 3, 4]]) },
  { name: 'slice of a 4-d tensor, inner window', fn: (x) => tsr.slice(x, [0, 1, 1, 0], [2, 2, 1, 3]), inputs: [[2, 3, 3, 3]], expectedShape: [2, 2, 1, 3], reference: (x) => pick(x, [[0, 1], [1, 2], [1], [0, 1, 2]]) },
  { name: 'slice int32', fn: (x) => tsr.slice(x, [1], [2]), inputs: [{ values: [4, 5, 6, 7], dtype: 'int32' }], expected: [5, 6], expectedDtype: 'int32', grad: false },
  { name: 'slice bool', fn: (x) => tsr.slice(x, [0, 1]), inputs: [{ values: [[true, false], [false, true]], dtype: 'bool' }], expected: [[0], [1]], expectedDtype: 'bool', grad: false },
  { name: 'slice empty window', fn: (x) => tsr.slice(x, [1, 0], [0, 3]), inputs: [[2, 3]], expectedShape: [0, 3], expected: [], grad: false },

  // stridedSlice (Python semantics; index lists are Python's range(*slice(b, e, s).indices(n)))
  { name: 'stridedSlice stride 2', fn: (x) => tsr.stridedSlice(x, [1, 0], [5, 6], [2, 2]), inputs: [[5, 6]], expectedShape: [2, 3], reference: (x) => pick(x, [[1, 3], [0, 2, 4]]) },
  { name: 'stridedSlice negative stride reverses', fn: (x) => tsr.stridedSlice(x, [null], [null], [-1]), inputs: [{ values: [[1, 2], [3, 4], [5, 6]] }], expected: [[5, 6], [3, 4], [1, 2]] },
  // x[-1:-10:-2, 5:0:-3] on [4,5]: rows 3,1; columns 4,1.
  { name: 'stridedSlice negative strides with clamping', fn: (x) => tsr.stridedSlice(x, [-1, 5], [-10, 0], [-2, -3]), inputs: [[4, 5]], expectedShape: [2, 2], reference: (x) => pick(x, [[3, 1], [4, 1]]) },
  // x[::-2, 1:-1, 7:-9:-3] on [5,4,9]: rows 4,2,0; 1,2; 7,4,1.
  { name: 'stridedSlice rank 3 mixed signs', fn: (x) => tsr.stridedSlice(x, [null, 1, 7], [null, -1, -9], [-2, 1, -3]), inputs: [[5, 4, 9]], expectedShape: [3, 2, 3], reference: (x) => pick(x, [[4, 2, 0], [1, 2], [7, 4, 1]]) },
  // x[-100:100:3, 3:] on [7,4]: rows 0,3,6 (bounds clamped), trailing axis taken whole.
  { name: 'stridedSlice out-of-range bounds clamp', fn: (x) => x.stridedSlice([-100, 3], [100], [3]), inputs: [[7, 4, 2]], expectedShape: [3, 1, 2], reference: (x) => pick(x, [[0, 3, 6], [3], [0, 1]]) },
  { name: 'stridedSlice empty (begin after end)', fn: (x) => tsr.stridedSlice(x, [3], [1]), inputs: [[5, 2]], expectedShape: [0, 2], grad: false },
  { name: 'stridedSlice int64', fn: (x) => tsr.stridedSlice(x, [null], [null], [-2]), inputs: [{ values: [1, 2, 3, 4, 5], dtype: 'int64' }], expected: [5, 3, 1], grad: false },
  {
    name: 'sliceTranspose scatters into zeros (slice adjoint)',
    fn: (g) => tsr.sliceTranspose(g, [5, 6], { begin: [4, 1], end: [-1, 6], strides: [-2, 2] }),
    inputs: [[3, 3]], expectedShape: [5, 6],
    reference: (g) => {
      const out = new Array<number>(30).fill(0);
      [4, 2, 0].forEach((r, i) => [1, 3, 5].forEach((c, j) => (out[r * 6 + c] = g.data[i * 3 + j]!)));
      return out;
    },
  },

  // concat / stack / unstack / split
  {
    name: 'concat axis 0, three inputs', fn: (a, b, c) => tsr.concat([a, b, c], 0),
    inputs: [{ values: [[1, 2]] }, { values: [[3, 4], [5, 6]] }, { values: [[7, 8]] }], expected: [[1, 2], [3, 4], [5, 6], [7, 8]],
  },
  { name: 'concat axis 1', fn: (a, b) => tsr.concat([a, b], 1), inputs: [[2, 2, 3], [2, 4, 3]], expectedShape: [2, 6, 3], reference: (a, b) => [...a.data.slice(0, 6), ...b.data.slice(0, 12), ...a.data.slice(6), ...b.data.slice(12)] },
  { name: 'concat axis -1', fn: (a, b, c) => tsr.concat([a, b, c], -1), inputs: [[2, 3, 1], [2, 3, 2], [2, 3, 3]], expectedShape: [2, 3, 6] },
  { name: 'concat int32 with a zero-size part', fn: (a, b) => tsr.concat([a, b], 1), inputs: [{ values: [[1], [2]], dtype: 'int32' }, { shape: [2, 0], values: [], dtype: 'int32' }], expected: [[1], [2]], grad: false },
  { name: 'stack axis 0', fn: (a, b) => tsr.stack([a, b]), inputs: [{ values: [1, 2] }, { values: [3, 4] }], expected: [[1, 2], [3, 4]] },
  { name: 'stack axis -1', fn: (a, b, c) => tsr.stack([a, b, c], -1), inputs: [[2, 3], [2, 3], [2, 3]], expectedShape: [2, 3, 3], reference: (a, b, c) => a.data.flatMap((v, i) => [v, b.data[i]!, c.data[i]!]) },
  { name: 'stack scalars', fn: (a, b) => tsr.stack([a, b]), inputs: [{ values: 1 }, { values: 2 }], expected: [1, 2] },
  { name: 'unstack axis 1 (parts recombined)', fn: (x) => tsr.concat(tsr.unstack(x, 1).reverse(), 0), inputs: [[2, 3]], expectedShape: [6], reference: (x) => [2, 1, 0].flatMap((j) => [x.data[j]!, x.data[3 + j]!]) },
  { name: 'unstack method, axis -1 of rank 3', fn: (x) => x.unstack(-1)[1]!, inputs: [[2, 2, 3]], expectedShape: [2, 2], reference: (x) => pick(x, [[0, 1], [0, 1], [1]]) },
  { name: 'split into equal parts', fn: (x) => tsr.split(x, 3, 1)[2]!, inputs: [[2, 6]], expectedShape: [2, 2], reference: (x) => pick(x, [[0, 1], [4, 5]]) },
  { name: 'split by sizes with -1', fn: (x) => tsr.concat(x.split([1, -1, 2], 0).reverse(), 0), inputs: [[6, 2]], expectedShape: [6, 2], reference: (x) => pick(x, [[4, 5, 1, 2, 3, 0], [0, 1]]) },

  // tile / flip
  { name: 'tile 2-d', fn: (x) => tsr.tile(x, [2, 3]), inputs: [{ values: [[1, 2]] }], expected: [[1, 2, 1, 2, 1, 2], [1, 2, 1, 2, 1, 2]] },
  {
    name: 'tile with more reps than axes', fn: (x) => x.tile([2, 1, 2]), inputs: [[2, 3]], expectedShape: [2, 2, 6],
    reference: (x) => {
      const one = pick(x, [[0, 1], [0, 1, 2, 0, 1, 2]]);
      return [...one, ...one];
    },
  },
  { name: 'tile with fewer reps than axes', fn: (x) => tsr.tile(x, [3]), inputs: [[2, 2]], expectedShape: [2, 6], reference: (x) => pick(x, [[0, 1], [0, 1, 0, 1, 0, 1]]) },
  { name: 'flip one axis', fn: (x) => tsr.flip(x, 1), inputs: [{ values: [[1, 2, 3], [4, 5, 6]] }], expected: [[3, 2, 1], [6, 5, 4]] },
  { name: 'flip all axes', fn: (x) => x.flip(), inputs: [[3, 2, 4]], reference: (x) => [...x.data].reverse() },
  { name: 'flip int32 axis 0', fn: (x) => tsr.flip(x, [0]), inputs: [{ values: [[1, 2], [3, 4]], dtype: 'int32' }], expected: [[3, 4], [1, 2]], grad: false },

  // pad
  {
    name: 'pad constant with value', fn: (x) => tsr.pad(x, [[1, 0], [0, 2]], { value: 9 }),
    inputs: [{ values: [[1, 2], [3, 4]] }], expected: [[9, 9, 9, 9], [1, 2, 9, 9], [3, 4, 9, 9]],
  },
  { name: 'pad constant rank 3', fn: (x) => tsr.pad(x, [[0, 1], [2, 1], [1, 1]]), inputs: [[2, 2, 3]], expectedShape: [3, 5, 5], reference: (x) => pick(x, [[0, 1, -1], [-1, -1, 0, 1, -1], [-1, 0, 1, 2, -1]]) },
  { name: 'pad negative amounts crop', fn: (x) => tsr.pad(x, [[-1, 1], [2, -2]], { value: -1 }), inputs: [[3, 4]], expectedShape: [3, 4], reference: (x) => pick(x, [[1, 2, -1], [-1, -1, 0, 1]], -1) },
  { name: 'pad reflect', fn: (x) => tsr.pad(x, [[2, 3], [1, 2]], { mode: 'reflect' }), inputs: [[4, 3]], expectedShape: [9, 6], reference: (x) => pick(x, [[2, 1, 0, 1, 2, 3, 2, 1, 0], [1, 0, 1, 2, 1, 0]]) },
  { name: 'pad reflect rank 3 (middle axis)', fn: (x) => x.pad([[0, 0], [1, 1], [0, 0]], { mode: 'reflect' }), inputs: [[2, 2, 2]], expectedShape: [2, 4, 2], reference: (x) => pick(x, [[0, 1], [1, 0, 1, 0], [0, 1]]) },
  { name: 'pad edge', fn: (x) => tsr.pad(x, [[1, 2], [3, 0]], { mode: 'edge' }), inputs: [[3, 2]], expectedShape: [6, 5], reference: (x) => pick(x, [[0, 0, 1, 2, 2, 2], [0, 0, 0, 0, 1]]) },
  { name: 'pad edge of a size-1 axis', fn: (x) => tsr.pad(x, [[2, 2]], { mode: 'edge' }), inputs: [{ values: [7] }], expected: [7, 7, 7, 7, 7] },
  { name: 'pad int32 constant', fn: (x) => tsr.pad(x, [[1, 1]], { value: 5 }), inputs: [{ values: [1, 2], dtype: 'int32' }], expected: [5, 1, 2, 5], grad: false },
  { name: 'pad float64 reflect', fn: (x) => tsr.pad(x, [[1, 1]], { mode: 'reflect' }), inputs: [{ values: [1, 2, 3], ...f64 }], expected: [2, 1, 2, 3, 2] },
];
