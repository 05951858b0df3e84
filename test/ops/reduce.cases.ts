import * as tsr from '../../src/index.js';
import type { OpCase } from '../helpers/test-op.js';

type Ref = { data: number[]; shape: readonly number[] };

/** The values of each output slice of reducing `axis` (null = all), in output order: a plain-JS oracle. */
export function slices(x: Ref, axis: number | number[] | null): number[][] {
  const rank = x.shape.length;
  const axes = axis === null ? x.shape.map((_, i) => i) : (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
  const outShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out: number[][] = Array.from({ length: outShape.reduce((a, b) => a * b, 1) }, () => []);
  for (let i = 0; i < x.data.length; i++) {
    let rest = i;
    let o = 0;
    let stride = 1;
    for (let ax = rank - 1; ax >= 0; ax--) {
      const c = rest % x.shape[ax]!;
      rest = Math.floor(rest / x.shape[ax]!);
      if (!axes.includes(ax)) o += c * stride;
      stride *= outShape[ax]!;
    }
    out[o]!.push(x.data[i]!);
  }
  return out;
}

const total = (s: number[]): number => s.reduce((a, b) => a + b, 0);
const meanOf = (s: number[]): number => total(s) / s.length;
const varOf = (s: number[], ddof = 0): number => total(s.map((v) => (v - meanOf(s)) ** 2)) / (s.length - ddof);
const prodOf = (s: number[]): number => s.reduce((a, b) => a * b, 1);
const lseOf = (s: number[]): number => Math.log(total(s.map(Math.exp)));

/** Plain-JS cumulative sum along `axis` of a row-major array. */
export function cumsumRef(x: Ref, axis: number, exclusive = false, reverse = false): number[] {
  const ax = axis < 0 ? axis + x.shape.length : axis;
  const n = x.shape[ax] ?? 1;
  const inner = x.shape.slice(ax + 1).reduce((a, b) => a * b, 1);
  const out = new Array<number>(x.data.length).fill(0);
  for (let base = 0; base < x.data.length; base += n * inner) {
    for (let j = 0; j < inner; j++) {
      let acc = 0;
      for (let t = 0; t < n; t++) {
        const k = reverse ? n - 1 - t : t;
        const i = base + k * inner + j;
        if (exclusive) {
          out[i] = acc;
          acc += x.data[i]!;
        } else {
          acc += x.data[i]!;
          out[i] = acc;
        }
      }
    }
  }
  return out;
}

const m23 = [[1, 5, 3], [4, 2, 6]];

export const reduceCases: OpCase[] = [
  // sum (the primitive lives with the core ops; these cover dtypes and edge axes)
  { name: 'sum int32 keeps dtype', fn: (x) => tsr.sum(x, 1), inputs: [{ values: m23, dtype: 'int32' }], expected: [9, 12], expectedDtype: 'int32', grad: false },
  { name: 'sum bool counts (int32)', fn: (x) => tsr.sum(x), inputs: [{ values: [true, false, true], dtype: 'bool' }], expected: 2, expectedDtype: 'int32', grad: false },
  { name: 'sum axis=[] reduces nothing', fn: (x) => tsr.sum(x, []), inputs: [[2, 3]], reference: (x) => x.data, expectedShape: [2, 3] },
  // Many leading rows: the ONNX lowering sums in two stages (reduce/onnx-lowering.ts).
  { name: 'sum over leading axes of [128, 160, 3]', fn: (x) => tsr.sum(x, [0, 1]), inputs: [[128, 160, 3]], reference: (x) => [0, 1, 2].map((c) => x.data.filter((_, i) => i % 3 === c).reduce((a, b) => a + b, 0)), expectedShape: [3], rtol: 1e-4, grad: false },
  { name: 'sum over leading axes keepDims of [20000, 2]', fn: (x) => tsr.sum(x, 0, true), inputs: [[20000, 2]], reference: (x) => [0, 1].map((c) => x.data.filter((_, i) => i % 2 === c).reduce((a, b) => a + b, 0)), expectedShape: [1, 2], rtol: 1e-4, grad: false },
  { name: 'sum axes [1,2] keepDims of [2,3,4]', fn: (x) => tsr.sum(x, [1, 2], true), inputs: [[2, 3, 4]], reference: (x) => slices(x, [1, 2]).map(total), expectedShape: [2, 1, 1] },

  // mean
  { name: 'mean all', fn: (x) => tsr.mean(x), inputs: [{ values: m23 }], expected: 3.5, expectedShape: [] },
  { name: 'mean axis 1 keepDims', fn: (x) => tsr.mean(x, 1, true), inputs: [{ values: m23 }], expected: [[3], [4]], expectedShape: [2, 1] },
  { name: 'mean axes [0,2] of [2,3,4]', fn: (x) => tsr.mean(x, [0, 2]), inputs: [[2, 3, 4]], reference: (x) => slices(x, [0, 2]).map(meanOf), expectedShape: [3] },
  { name: 'mean axes [-1,0] keepDims of [3,2,4]', fn: (x) => tsr.mean(x, [-1, 0], true), inputs: [[3, 2, 4]], reference: (x) => slices(x, [0, 2]).map(meanOf), expectedShape: [1, 2, 1] },
  { name: 'mean int32 gives float32', fn: (x) => tsr.mean(x, 0), inputs: [{ values: [[1, 2], [4, 7]], dtype: 'int32' }], expected: [2.5, 4.5], expectedDtype: 'float32', grad: false },
  { name: 'mean method', fn: (x) => x.mean(-1), inputs: [[4, 5]], reference: (x) => slices(x, 1).map(meanOf) },

  // max / min (random inputs have no ties, so the gradient is smooth)
  { name: 'max axis 1', fn: (x) => tsr.max(x, 1), inputs: [{ values: m23 }], expected: [5, 6] },
  { name: 'max all', fn: (x) => tsr.max(x), inputs: [{ values: m23 }], expected: 6, expectedShape: [] },
  { name: 'max axes [0,2] keepDims of [2,3,4]', fn: (x) => tsr.max(x, [0, 2], true), inputs: [[2, 3, 4]], reference: (x) => slices(x, [0, 2]).map((s) => Math.max(...s)), expectedShape: [1, 3, 1] },
  { name: 'max axis -1 of [3,4]', fn: (x) => tsr.max(x, -1), inputs: [[3, 4]], reference: (x) => slices(x, -1).map((s) => Math.max(...s)), expectedShape: [3] },
  { name: 'max axis 0 of [4,3] keepDims', fn: (x) => x.max(0, true), inputs: [[4, 3]], reference: (x) => slices(x, 0).map((s) => Math.max(...s)), expectedShape: [1, 3] },
  { name: 'max int32 keeps dtype', fn: (x) => tsr.max(x, 0), inputs: [{ values: [[-3, 7], [-1, 2]], dtype: 'int32' }], expected: [-1, 7], expectedDtype: 'int32', grad: false },
  { name: 'max bool is any', fn: (x) => tsr.max(x, 1), inputs: [{ values: [[false, true], [false, false]], dtype: 'bool' }], expected: [1, 0], expectedDtype: 'bool', grad: false },
  { name: 'max propagates NaN', fn: (x) => tsr.max(x, 1), inputs: [{ values: [[1, NaN, 3], [4, 5, 6]] }], expected: [NaN, 6], grad: false },
  { name: 'max axis=[] reduces nothing', fn: (x) => tsr.max(x, []), inputs: [[2, 3]], reference: (x) => x.data, expectedShape: [2, 3] },
  { name: 'min axis 1', fn: (x) => tsr.min(x, 1), inputs: [{ values: m23 }], expected: [1, 2] },
  { name: 'min axes [1,2] of [2,3,4]', fn: (x) => tsr.min(x, [1, 2]), inputs: [[2, 3, 4]], reference: (x) => slices(x, [1, 2]).map((s) => Math.min(...s)), expectedShape: [2] },
  { name: 'min all keepDims', fn: (x) => x.min(null, true), inputs: [[3, 4]], reference: (x) => [Math.min(...x.data)], expectedShape: [1, 1] },
  { name: 'min int64 keeps dtype', fn: (x) => tsr.min(x), inputs: [{ values: [5, -9, 2], dtype: 'int64' }], expected: -9, expectedDtype: 'int64', grad: false },

  // prod
  { name: 'prod axis 1', fn: (x) => tsr.prod(x, 1), inputs: [{ values: m23 }], expected: [15, 48] },
  { name: 'prod axes [0,2] keepDims of [2,3,4]', fn: (x) => tsr.prod(x, [0, 2], true), inputs: [[2, 3, 4]], reference: (x) => slices(x, [0, 2]).map(prodOf), expectedShape: [1, 3, 1] },
  { name: 'prod all', fn: (x) => tsr.prod(x), inputs: [{ shape: [2, 3], range: [0.5, 1.5] }], reference: (x) => [prodOf(x.data)] },
  // Rows with no zero, one zero, two zeros: the gradient must stay exact (no 0/0).
  { name: 'prod with zeros', fn: (x) => tsr.prod(x, -1), inputs: [{ values: [[1, 0, 3], [0, 2, 0], [2, -3, 4]] }], expected: [0, 0, -24] },
  { name: 'prod with zeros axis 0 keepDims', fn: (x) => tsr.prod(x, 0, true), inputs: [{ values: [[1, 0, 0], [0, 2, 0], [2, 3, 5]] }], expected: [[0, 0, 0]] },
  { name: 'prod all with one zero', fn: (x) => x.prod(), inputs: [{ values: [[1.5, -2], [0, 3]] }], expected: 0 },
  { name: 'prod int32 keeps dtype', fn: (x) => tsr.prod(x, 0), inputs: [{ values: [[2, -3], [4, 5]], dtype: 'int32' }], expected: [8, -15], expectedDtype: 'int32', grad: false },
  { name: 'prod of empty axis is 1', fn: (x) => tsr.prod(x, 1), inputs: [{ shape: [2, 0] }], expected: [1, 1], grad: false },

  // argmax / argmin
  { name: 'argmax last axis, first of ties', fn: (x) => tsr.argmax(x), inputs: [{ values: [[1, 7, 7], [9, 2, 9]] }], expected: [1, 0], expectedDtype: 'int32', grad: false },
  { name: 'argmax axis 0 keepDims', fn: (x) => tsr.argmax(x, 0, true), inputs: [{ values: [[1, 7, 3], [4, 2, 3]] }], expected: [[1, 0, 0]], expectedShape: [1, 3], grad: false },
  { name: 'argmax axis 1 of [2,3,4]', fn: (x) => x.argmax(1), inputs: [[2, 3, 4]], reference: (x) => slices(x, 1).map((s) => s.indexOf(Math.max(...s))), expectedShape: [2, 4], grad: false },
  { name: 'argmax NaN wins', fn: (x) => tsr.argmax(x), inputs: [{ values: [[1, NaN, 5, NaN]] }], expected: [1], grad: false },
  { name: 'argmax int32 input', fn: (x) => tsr.argmax(x, -1), inputs: [{ values: [[-5, -2, -9]], dtype: 'int32' }], expected: [1], grad: false },
  { name: 'argmin last axis, first of ties', fn: (x) => tsr.argmin(x), inputs: [{ values: [[3, 1, 1], [0, 2, 0]] }], expected: [1, 0], expectedDtype: 'int32', grad: false },
  { name: 'argmin axis 0 of [3,4]', fn: (x) => x.argmin(0), inputs: [[3, 4]], reference: (x) => slices(x, 0).map((s) => s.indexOf(Math.min(...s))), expectedShape: [4], grad: false },
  { name: 'argmin -0 and 0 tie', fn: (x) => tsr.argmin(x), inputs: [{ values: [1, 0, -0] }], expected: 1, grad: false },

  // logSumExp
  { name: 'logSumExp all', fn: (x) => tsr.logSumExp(x), inputs: [[2, 3]], reference: (x) => [lseOf(x.data)], expectedShape: [] },
  { name: 'logSumExp axis -1 of [3,4]', fn: (x) => tsr.logSumExp(x, -1), inputs: [[3, 4]], reference: (x) => slices(x, 1).map(lseOf), expectedShape: [3] },
  { name: 'logSumExp axes [0,2] keepDims of [2,3,4]', fn: (x) => tsr.logSumExp(x, [0, 2], true), inputs: [[2, 3, 4]], reference: (x) => slices(x, [0, 2]).map(lseOf), expectedShape: [1, 3, 1] },
  { name: 'logSumExp axis 0 method', fn: (x) => x.logSumExp(0), inputs: [[3, 2]], reference: (x) => slices(x, 0).map(lseOf) },
  // Naive exp(1000) overflows to inf; the shifted form does not.
  { name: 'logSumExp large values', fn: (x) => tsr.logSumExp(x, 1), inputs: [{ values: [[1000, 1000], [1000, -1000], [-1000, -1001]] }], expected: [1000 + Math.LN2, 1000, -1000 + Math.log(1 + Math.exp(-1))], atol: 1e-3 },
  { name: 'logSumExp of -inf slices and +inf', fn: (x) => tsr.logSumExp(x, 1), inputs: [{ values: [[-Infinity, -Infinity], [Infinity, 1], [-Infinity, 0]] }], expected: [-Infinity, Infinity, 0], grad: false },
  { name: 'logSumExp int32 gives float32', fn: (x) => tsr.logSumExp(x), inputs: [{ values: [0, 0], dtype: 'int32' }], expected: Math.LN2, expectedDtype: 'float32', grad: false },

  // variance / std
  { name: 'variance all', fn: (x) => tsr.variance(x), inputs: [{ values: [1, 2, 3, 4] }], expected: 1.25 },
  { name: 'variance ddof=1', fn: (x) => tsr.variance(x, null, false, { ddof: 1 }), inputs: [{ values: [1, 2, 3, 4] }], expected: 5 / 3 },
  { name: 'variance axes [0,2] of [2,3,4]', fn: (x) => tsr.variance(x, [0, 2]), inputs: [[2, 3, 4]], reference: (x) => slices(x, [0, 2]).map((s) => varOf(s)), expectedShape: [3] },
  { name: 'variance axis -1 keepDims ddof 1', fn: (x) => x.variance(-1, true, { ddof: 1 }), inputs: [[3, 4]], reference: (x) => slices(x, 1).map((s) => varOf(s, 1)), expectedShape: [3, 1] },
  { name: 'variance int32 gives float32', fn: (x) => tsr.variance(x, 0), inputs: [{ values: [[1, 2], [3, 6]], dtype: 'int32' }], expected: [1, 4], expectedDtype: 'float32', grad: false },
  { name: 'std axis 1', fn: (x) => tsr.std(x, 1), inputs: [{ values: [[1, 3], [2, 2]] }], expected: [1, 0], grad: false },
  { name: 'std axes [1,2] keepDims of [2,3,4]', fn: (x) => tsr.std(x, [1, 2], true), inputs: [[2, 3, 4]], reference: (x) => slices(x, [1, 2]).map((s) => Math.sqrt(varOf(s))), expectedShape: [2, 1, 1] },
  { name: 'std all ddof 1 method', fn: (x) => x.std(null, false, { ddof: 1 }), inputs: [[5]], reference: (x) => [Math.sqrt(varOf(x.data, 1))] },

  // cumsum
  { name: 'cumsum axis 0', fn: (x) => tsr.cumsum(x), inputs: [{ values: m23 }], expected: [[1, 5, 3], [5, 7, 9]] },
  { name: 'cumsum axis 1', fn: (x) => tsr.cumsum(x, 1), inputs: [{ values: m23 }], expected: [[1, 6, 9], [4, 6, 12]] },
  { name: 'cumsum exclusive', fn: (x) => tsr.cumsum(x, -1, { exclusive: true }), inputs: [{ values: m23 }], expected: [[0, 1, 6], [0, 4, 6]] },
  { name: 'cumsum reverse', fn: (x) => tsr.cumsum(x, 1, { reverse: true }), inputs: [{ values: m23 }], expected: [[9, 8, 3], [12, 8, 6]] },
  { name: 'cumsum exclusive reverse', fn: (x) => tsr.cumsum(x, 1, { exclusive: true, reverse: true }), inputs: [{ values: m23 }], expected: [[8, 3, 0], [8, 6, 0]] },
  { name: 'cumsum axis 1 of [2,3,4]', fn: (x) => tsr.cumsum(x, 1), inputs: [[2, 3, 4]], reference: (x) => cumsumRef(x, 1) },
  { name: 'cumsum axis -1 exclusive reverse of [2,3,4]', fn: (x) => x.cumsum(-1, { exclusive: true, reverse: true }), inputs: [[2, 3, 4]], reference: (x) => cumsumRef(x, 2, true, true) },
  { name: 'cumsum axis 0 reverse of [3,2,2]', fn: (x) => tsr.cumsum(x, 0, { reverse: true }), inputs: [[3, 2, 2]], reference: (x) => cumsumRef(x, 0, false, true) },
  { name: 'cumsum axis 1 exclusive of [2,3,4]', fn: (x) => tsr.cumsum(x, 1, { exclusive: true }), inputs: [[2, 3, 4]], reference: (x) => cumsumRef(x, 1, true) },
  { name: 'cumsum int32 keeps dtype', fn: (x) => tsr.cumsum(x), inputs: [{ values: [3, -1, 4], dtype: 'int32' }], expected: [3, 2, 6], expectedDtype: 'int32', grad: false },
  { name: 'cumsum bool counts (int32)', fn: (x) => tsr.cumsum(x), inputs: [{ values: [true, false, true], dtype: 'bool' }], expected: [1, 1, 2], expectedDtype: 'int32', grad: false },
  { name: 'cumsum of a scalar', fn: (x) => tsr.cumsum(x, -1), inputs: [{ values: 4 }], expected: 4, expectedShape: [] },
];
