import * as tsr from '../../src/index.js';
import type { OpCase } from '../helpers/test-op.js';
import { pick } from './shape.cases.js';

type Ref = { data: number[]; shape: readonly number[] };

/**
 * Plain-JS oracle of GatherElements/ScatterElements addressing: for every position p of `idx`
 * (row-major), the flat offset in x of p with p[axis] replaced by idx[p] (negative wraps).
 */
export function elementOffsets(xShape: readonly number[], idx: Ref, axis: number): number[] {
  const n = xShape[axis]!;
  const strides = xShape.map((_, i) => xShape.slice(i + 1).reduce((a, b) => a * b, 1));
  return idx.data.map((v, p) => {
    let rest = p;
    let off = 0;
    for (let ax = idx.shape.length - 1; ax >= 0; ax--) {
      const c = rest % idx.shape[ax]!;
      rest = Math.floor(rest / idx.shape[ax]!);
      off += (ax === axis ? (v < 0 ? v + n : v) : c) * strides[ax]!;
    }
    return off;
  });
}

const i32 = (values: tsr.NestedArray, shape?: number[]) => ({ values, dtype: 'int32' as const, ...(shape ? { shape } : {}) });
const i64 = (values: tsr.NestedArray) => ({ values, dtype: 'int64' as const });

export const indexingCases: OpCase[] = [
  // gather (ONNX Gather)
  {
    name: 'gather rows with repeated indices (gradients accumulate)', fn: (x, i) => tsr.gather(x, i),
    inputs: [[5, 3], i32([[0, 2], [4, 0]])], expectedShape: [2, 2, 3],
    reference: (x, i) => i.data.flatMap((k) => x.data.slice(k * 3, k * 3 + 3)),
  },
  { name: 'gather axis 1, negative int64 indices', fn: (x, i) => tsr.gather(x, i, 1), inputs: [[2, 4, 3], i64([-1, 0, -4, 1])], expectedShape: [2, 4, 3], reference: (x) => pick(x, [[0, 1], [3, 0, 0, 1], [0, 1, 2]]) },
  { name: 'gather with a scalar index drops the axis', fn: (x, i) => x.gather(i, -1), inputs: [[3, 4], i32(2)], expectedShape: [3], reference: (x) => pick(x, [[0, 1, 2], [2]]) },
  {
    name: 'gather 2-d indices in the middle axis', fn: (x, i) => tsr.gather(x, i, 1),
    inputs: [[2, 3, 2], i32([[1, 1], [0, 2]])], expectedShape: [2, 2, 2, 2],
    reference: (x) => pick(x, [[0, 1], [1, 1, 0, 2], [0, 1]]),
  },
  { name: 'gather int32 data', fn: (x, i) => tsr.gather(x, i), inputs: [i32([10, 20, 30]), i32([2, 0, 2])], expected: [30, 10, 30], expectedDtype: 'int32', grad: false },
  { name: 'gather with JS index arrays', fn: (x) => tsr.gather(x, [1, 0]), inputs: [{ values: [[1, 2], [3, 4]] }], expected: [[3, 4], [1, 2]] },
  {
    name: 'gatherTranspose sums rows into zeros (gather adjoint)', fn: (g, i) => tsr.gatherTranspose(g, i, 1, 4),
    inputs: [[2, 3, 2], i32([1, 1, 3])], expectedShape: [2, 4, 2],
    reference: (g, i) => {
      const out = new Array<number>(16).fill(0);
      for (let a = 0; a < 2; a++) {
        for (let j = 0; j < 3; j++) for (let c = 0; c < 2; c++) out[a * 8 + i.data[j]! * 2 + c]! += g.data[a * 6 + j * 2 + c]!;
      }
      return out;
    },
  },

  // takeAlongAxis (ONNX GatherElements)
  {
    name: 'takeAlongAxis axis 1, fewer columns, negative index', fn: (x, i) => tsr.takeAlongAxis(x, i, 1),
    inputs: [[3, 4], i32([[0, 3], [1, 1], [-1, 2]])], expectedShape: [3, 2],
    reference: (x, i) => elementOffsets(x.shape, i, 1).map((o) => x.data[o]!),
  },
  {
    name: 'takeAlongAxis axis 0, repeated rows', fn: (x, i) => x.takeAlongAxis(i, 0),
    inputs: [[3, 4], i32([[2, 0, 0, 1], [2, 2, 0, 1]])], expectedShape: [2, 4],
    reference: (x, i) => elementOffsets(x.shape, i, 0).map((o) => x.data[o]!),
  },
  {
    name: 'takeAlongAxis rank 3, indices smaller off the axis', fn: (x, i) => tsr.takeAlongAxis(x, i, -2),
    inputs: [[2, 3, 4], { shape: [1, 5, 3], range: [-3, 3], dtype: 'int64' }], expectedShape: [1, 5, 3],
    reference: (x, i) => elementOffsets(x.shape, i, 1).map((o) => x.data[o]!),
  },
  { name: 'takeAlongAxis bool data', fn: (x, i) => tsr.takeAlongAxis(x, i, 1), inputs: [{ values: [[true, false]], dtype: 'bool' }, i32([[1, 1, 0]])], expected: [[0, 0, 1]], grad: false },

  // scatterAdd (ONNX ScatterElements, reduction add)
  {
    name: 'scatterAdd axis 0 with repeated targets (grad w.r.t. x and updates)', fn: (x, i, u) => tsr.scatterAdd(x, i, u, 0),
    inputs: [[3, 4], i32([[0, 1, 2, 0], [2, 2, 1, 0]]), [2, 4]], expectedShape: [3, 4],
    reference: (x, i, u) => {
      const out = [...x.data];
      elementOffsets(x.shape, i, 0).forEach((o, p) => (out[o]! += u.data[p]!));
      return out;
    },
  },
  {
    name: 'scatterAdd axis 1, smaller indices, negative index', fn: (x, i, u) => x.scatterAdd(i, u, -1),
    inputs: [[3, 5], i32([[4, -1, 0], [1, 1, 1]]), [2, 3]], expectedShape: [3, 5],
    reference: (x, i, u) => {
      const out = [...x.data];
      elementOffsets(x.shape, i, 1).forEach((o, p) => (out[o]! += u.data[p]!));
      return out;
    },
  },
  {
    name: 'scatterAdd int32 counts (histogram)', fn: (x, i) => tsr.scatterAdd(x, i, tsr.onesLike(i), 0),
    inputs: [i32([0, 0, 0, 0]), i32([3, 1, 3, 3, 0])], expected: [1, 1, 0, 3], grad: false,
  },

  // oneHot
  { name: 'oneHot out-of-range gives an all-off row', fn: (i) => tsr.oneHot(i, 3), inputs: [i32([0, 2, -1, 3])], expected: [[1, 0, 0], [0, 0, 1], [0, 0, 0], [0, 0, 0]], expectedDtype: 'float32', grad: false },
  {
    name: 'oneHot 2-d int64, custom values and dtype', fn: (i) => i.oneHot(2, { onValue: 5, offValue: -1, dtype: 'int32' }),
    inputs: [i64([[1], [0]])], expected: [[[-1, 5]], [[5, -1]]], expectedShape: [2, 1, 2], expectedDtype: 'int32', grad: false,
  },
];
