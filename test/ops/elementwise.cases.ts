import * as tsr from '../../src/index.js';
import type { OpCase } from '../helpers/test-op.js';

type Ref = { data: number[]; shape: readonly number[] };

/** Plain-JS numpy broadcasting: applies `f` to every output element, from flat inputs and their shapes. */
function bcast(f: (...v: number[]) => number, ...xs: Ref[]): number[] {
  const rank = Math.max(...xs.map((x) => x.shape.length));
  const out = Array.from({ length: rank }, (_, i) => Math.max(...xs.map((x) => x.shape[x.shape.length - rank + i] ?? 1)));
  const n = out.reduce((a, b) => a * b, 1);
  const res: number[] = [];
  const idx = new Array<number>(rank);
  for (let flat = 0; flat < n; flat++) {
    let rem = flat;
    for (let i = rank - 1; i >= 0; i--) {
      idx[i] = rem % out[i]!;
      rem = Math.floor(rem / out[i]!);
    }
    const vals = xs.map((x) => {
      let off = 0;
      let stride = 1;
      for (let i = x.shape.length - 1; i >= 0; i--) {
        const d = x.shape[i]!;
        off += (d === 1 ? 0 : idx[rank - x.shape.length + i]!) * stride;
        stride *= d;
      }
      return x.data[off]!;
    });
    res.push(f(...vals));
  }
  return res;
}

const map = (f: (v: number) => number) => (x: Ref): number[] => x.data.map(f);
const map2 = (f: (a: number, b: number) => number) => (a: Ref, b: Ref): number[] => bcast(f, a, b);
const b01 = (c: boolean): number => (c ? 1 : 0);

const T = true;
const N = false;

const sigmoidRef = (x: number): number => 1 / (1 + Math.exp(-x));
const numpyMod = (a: number, b: number): number => a - Math.floor(a / b) * b;
const integers = [-3, -2, -1, 0, 1, 2, 3];
const halves = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5];

// Values of CPython's math.erf (within an ulp or so), around the series/continued-fraction switch at 2 too.
const ERF_TABLE: [number, number][] = [
  [-7, -1], [-6, -1], [-5.5, -0.9999999999999927], [-3.3, -0.9999969422902035], [-2, -0.9953222650189527],
  [-1.9999, -0.9953201979070294], [-1, -0.8427007929497149], [-0.3, -0.3286267594591274], [-1e-9, -1.1283791670955127e-9],
  [0, 0], [1e-12, 1.1283791670955126e-12], [0.01, 0.011283415555849616], [0.5, 0.5204998778130465], [1, 0.8427007929497149],
  [1.5, 0.9661051464753108], [1.99, 0.995111413199617], [2, 0.9953222650189527], [2.01, 0.9955248493552482],
  [2.7, 0.9998656672600594], [3.5, 0.9999992569016276], [4.2, 0.9999999971445058], [5.99, 1], [6, 1], [9, 1],
];

export const elementwiseCases: OpCase[] = [
  // ---- unary math
  { name: 'abs', fn: (x) => tsr.abs(x), inputs: [{ shape: [3, 4], avoid: [0] }], reference: map(Math.abs) },
  { name: 'abs int32 keeps dtype', fn: (x) => tsr.abs(x), inputs: [{ values: [-3, 0, 5], dtype: 'int32' }], expected: [3, 0, 5], expectedDtype: 'int32', grad: false },
  { name: 'sign', fn: (x) => tsr.sign(x), inputs: [{ values: [-2, 0, 3.5, -0.1, NaN] }], expected: [-1, 0, 1, -1, NaN], grad: false },
  { name: 'sign (zero gradient)', fn: (x) => tsr.sign(x), inputs: [{ shape: [6], avoid: [0] }], reference: map(Math.sign) },
  { name: 'sign int32', fn: (x) => tsr.sign(x), inputs: [{ values: [-5, 0, 7], dtype: 'int32' }], expected: [-1, 0, 1], expectedDtype: 'int32', grad: false },
  { name: 'neg int64', fn: (x) => tsr.neg(x), inputs: [{ values: [-5, 0, 7], dtype: 'int64' }], expected: [5, 0, -7], expectedDtype: 'int64', grad: false },
  { name: 'log', fn: (x) => tsr.log(x), inputs: [{ shape: [2, 3], range: [0.1, 3] }], reference: map(Math.log) },
  { name: 'log of int32 gives float32', fn: (x) => tsr.log(x), inputs: [{ values: [1, 4], dtype: 'int32' }], expected: [0, Math.log(4)], expectedDtype: 'float32', grad: false },
  { name: 'log1p', fn: (x) => tsr.log1p(x), inputs: [{ shape: [5], range: [-0.9, 2] }], reference: map(Math.log1p) },
  { name: 'log1p keeps tiny values (float64)', fn: (x) => tsr.log1p(x), inputs: [{ values: [1e-10, -1e-12], dtype: 'float64' }], expected: [Math.log1p(1e-10), Math.log1p(-1e-12)], atol: 0, rtol: 1e-15 },
  { name: 'sqrt', fn: (x) => tsr.sqrt(x), inputs: [{ shape: [2, 2], range: [0.1, 4] }], reference: map(Math.sqrt) },
  { name: 'rsqrt', fn: (x) => tsr.rsqrt(x), inputs: [{ shape: [4], range: [0.1, 4] }], reference: map((v) => 1 / Math.sqrt(v)) },
  { name: 'square', fn: (x) => tsr.square(x), inputs: [[2, 3]], reference: map((v) => v * v) },
  { name: 'square int32', fn: (x) => tsr.square(x), inputs: [{ values: [-3, 4], dtype: 'int32' }], expected: [9, 16], expectedDtype: 'int32', grad: false },
  { name: 'reciprocal', fn: (x) => tsr.reciprocal(x), inputs: [{ shape: [6], avoid: [0] }], reference: map((v) => 1 / v) },
  { name: 'reciprocal of int32 gives float32', fn: (x) => tsr.reciprocal(x), inputs: [{ values: [2, -4], dtype: 'int32' }], expected: [0.5, -0.25], expectedDtype: 'float32', grad: false },
  { name: 'sin', fn: (x) => tsr.sin(x), inputs: [{ shape: [7], range: [-4, 4] }], reference: map(Math.sin) },
  { name: 'cos', fn: (x) => tsr.cos(x), inputs: [{ shape: [7], range: [-4, 4] }], reference: map(Math.cos) },
  { name: 'tanh', fn: (x) => tsr.tanh(x), inputs: [[3, 3]], reference: map(Math.tanh) },
  { name: 'erf', fn: (x) => tsr.erf(x), inputs: [{ shape: [12], range: [-3, 3] }] },
  { name: 'erf vs CPython (float64)', fn: (x) => tsr.erf(x), inputs: [{ values: ERF_TABLE.map((e) => e[0]), dtype: 'float64' }], expected: ERF_TABLE.map((e) => e[1]), atol: 1e-300, rtol: 1.5e-15, grad: false },
  { name: 'floor (zero gradient)', fn: (x) => tsr.floor(x), inputs: [{ shape: [8], range: [-3, 3], avoid: integers }], reference: map(Math.floor) },
  { name: 'floor int32 keeps dtype', fn: (x) => tsr.floor(x), inputs: [{ values: [-2, 3], dtype: 'int32' }], expected: [-2, 3], expectedDtype: 'int32', grad: false },
  { name: 'ceil (zero gradient)', fn: (x) => tsr.ceil(x), inputs: [{ shape: [8], range: [-3, 3], avoid: integers }], reference: map(Math.ceil) },
  { name: 'ceil values', fn: (x) => tsr.ceil(x), inputs: [{ values: [-1.5, -0.2, 0, 0.2, 2] }], expected: [-1, -0, 0, 1, 2], grad: false },
  {
    name: 'round half to even', fn: (x) => tsr.round(x),
    inputs: [{ values: [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6, -2.6, 3.5, -3.5, 1e15 + 0.5] , dtype: 'float64' }],
    expected: [0, 2, 2, -0, -2, -2, 2, 3, -3, 4, -4, 1e15], grad: false,
  },
  { name: 'round (zero gradient)', fn: (x) => tsr.round(x), inputs: [{ shape: [8], range: [-3, 3], avoid: halves }], reference: map(Math.round) },
  { name: 'clip numbers', fn: (x) => tsr.clip(x, -1, 1.5), inputs: [{ shape: [3, 4], range: [-3, 3], avoid: [-1, 1.5] }], reference: map((v) => Math.min(Math.max(v, -1), 1.5)) },
  {
    name: 'clip tensor bounds broadcast [2,3] in [3]..[2,1]', fn: (x, lo, hi) => tsr.clip(x, lo, hi),
    inputs: [{ shape: [2, 3], range: [-3, 3] }, { shape: [3], range: [-2, -0.5] }, { shape: [2, 1], range: [0.5, 2] }],
    reference: (x, lo, hi) => bcast((v, l, h) => Math.min(Math.max(v, l), h), x, lo, hi),
  },
  { name: 'clip int32', fn: (x) => tsr.clip(x, 0, 3), inputs: [{ values: [-2, 1, 7], dtype: 'int32' }], expected: [0, 1, 3], expectedDtype: 'int32', grad: false },

  // ---- activations
  { name: 'sigmoid', fn: (x) => tsr.sigmoid(x), inputs: [{ shape: [2, 4], range: [-6, 6] }], reference: map(sigmoidRef) },
  { name: 'sigmoid extremes (float64)', fn: (x) => tsr.sigmoid(x), inputs: [{ values: [-800, 800, 0, -30], dtype: 'float64' }], expected: [0, 1, 0.5, sigmoidRef(-30)], atol: 1e-300, rtol: 1e-15 },
  { name: 'relu', fn: (x) => tsr.relu(x), inputs: [{ shape: [3, 4], avoid: [0] }], reference: map((v) => Math.max(v, 0)) },
  { name: 'relu int32 keeps dtype', fn: (x) => tsr.relu(x), inputs: [{ values: [-1, 2], dtype: 'int32' }], expected: [0, 2], expectedDtype: 'int32', grad: false },
  { name: 'relu keeps NaN', fn: (x) => tsr.relu(x), inputs: [{ values: [NaN, -1] }], expected: [NaN, 0], grad: false },
  { name: 'leakyRelu default alpha 0.2', fn: (x) => tsr.leakyRelu(x), inputs: [{ shape: [8], avoid: [0] }], reference: map((v) => (v > 0 ? v : 0.2 * v)) },
  { name: 'leakyRelu alpha 0.01', fn: (x) => tsr.leakyRelu(x, 0.01), inputs: [{ shape: [8], avoid: [0] }], reference: map((v) => (v > 0 ? v : 0.01 * v)) },
  { name: 'elu', fn: (x) => tsr.elu(x), inputs: [{ shape: [8], range: [-3, 3], avoid: [0] }], reference: map((v) => (v > 0 ? v : Math.expm1(v))) },
  { name: 'elu alpha 0.5', fn: (x) => tsr.elu(x, 0.5), inputs: [{ shape: [8], range: [-3, 3], avoid: [0] }], reference: map((v) => (v > 0 ? v : 0.5 * Math.expm1(v))) },
  {
    name: 'selu', fn: (x) => tsr.selu(x), inputs: [{ shape: [8], range: [-3, 3], avoid: [0] }],
    reference: map((v) => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * Math.expm1(v))),
  },
  {
    name: 'gelu exact vs CPython erf', fn: (x) => tsr.gelu(x), inputs: [{ values: [-3, -1, -0.5, 0, 0.5, 1, 2.5], dtype: 'float64' }],
    expected: [-0.00404969409489031, -0.15865525393145707, -0.15426876936299344, 0, 0.34573123063700656, 0.8413447460685429, 2.4844758366855597],
    atol: 1e-15, rtol: 1e-13,
  },
  { name: 'gelu exact', fn: (x) => tsr.gelu(x), inputs: [[3, 4]] },
  {
    name: 'gelu tanh approximation', fn: (x) => tsr.gelu(x, true), inputs: [{ shape: [3, 4], range: [-4, 4] }],
    reference: map((v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)))),
  },
  { name: 'softplus', fn: (x) => tsr.softplus(x), inputs: [{ shape: [10], range: [-8, 8] }], reference: map((v) => Math.log1p(Math.exp(v))) },
  {
    name: 'softplus extremes (float64)', fn: (x) => tsr.softplus(x), inputs: [{ values: [-800, 800, 0, 40, -40], dtype: 'float64' }],
    expected: [0, 800, Math.LN2, 40, Math.exp(-40)], atol: 1e-300, rtol: 1e-15,
  },

  // ---- binary arithmetic
  {
    name: 'pow broadcast [2,3]^[3]', fn: (a, b) => tsr.pow(a, b), inputs: [{ shape: [2, 3], range: [0.5, 2] }, { shape: [3], range: [-2, 2] }],
    reference: map2(Math.pow),
  },
  {
    name: 'pow [3,1]^[1,4] (outer broadcast)', fn: (a, b) => tsr.pow(a, b), inputs: [{ shape: [3, 1], range: [0.5, 2] }, { shape: [1, 4], range: [-1, 3] }],
    reference: map2(Math.pow),
  },
  { name: 'pow negative base, integer exponent', fn: (a) => tsr.pow(a, 3), inputs: [{ values: [-2, -1.5, 3] }], expected: [-8, -3.375, 27] },
  { name: 'pow special values like C pow', fn: (a, b) => tsr.pow(a, b), inputs: [{ values: [1, 1, -1, 0, NaN, -8, 0] }, { values: [NaN, Infinity, -Infinity, 0, 0, 1 / 3, -1] }], expected: [1, 1, 1, 1, 1, NaN, Infinity], grad: false },
  { name: 'pow int32', fn: (a, b) => tsr.pow(a, b), inputs: [{ values: [2, 3, -2, 5], dtype: 'int32' }, { values: [3, 2, 3, 0], dtype: 'int32' }], expected: [8, 9, -8, 1], expectedDtype: 'int32', grad: false },
  { name: 'maximum broadcast [2,3] [3]', fn: (a, b) => tsr.maximum(a, b), inputs: [[2, 3], [3]], reference: map2(Math.max) },
  { name: 'maximum with number', fn: (a) => tsr.maximum(a, 0.5), inputs: [{ shape: [6], avoid: [0.5] }], reference: map((v) => Math.max(v, 0.5)) },
  { name: 'maximum int32', fn: (a, b) => tsr.maximum(a, b), inputs: [{ values: [-3, 5, 2], dtype: 'int32' }, { values: [1, 4, 2], dtype: 'int32' }], expected: [1, 5, 2], expectedDtype: 'int32', grad: false },
  { name: 'maximum propagates NaN', fn: (a, b) => tsr.maximum(a, b), inputs: [{ values: [NaN, 1] }, { values: [1, NaN] }], expected: [NaN, NaN], grad: false },
  { name: 'minimum broadcast [4,1] [1,3]', fn: (a, b) => tsr.minimum(a, b), inputs: [[4, 1], [1, 3]], reference: map2(Math.min) },
  { name: 'minimum int64', fn: (a, b) => tsr.minimum(a, b), inputs: [{ values: [-3, 5], dtype: 'int64' }, { values: [1, 4], dtype: 'int64' }], expected: [-3, 4], expectedDtype: 'int64', grad: false },
  {
    name: 'mod broadcast, divisor signs', fn: (a, b) => tsr.mod(a, b),
    inputs: [{ shape: [2, 3], range: [-5, 5] }, { values: [1.5, -2.5, 0.7] }], reference: map2(numpyMod), atol: 1e-5,
  },
  { name: 'mod float values (sign of divisor)', fn: (a, b) => tsr.mod(a, b), inputs: [{ values: [-7, 7, -7, 7, 5.5] }, { values: [3, 3, -3, -3, 2] }], expected: [2, 1, -1, -2, 1.5], grad: false },
  { name: 'mod int32', fn: (a, b) => tsr.mod(a, b), inputs: [{ values: [-7, 7, -7, 7, 6], dtype: 'int32' }, { values: [3, 3, -3, -3, 3], dtype: 'int32' }], expected: [2, 1, -1, -2, 0], expectedDtype: 'int32', grad: false },
  { name: 'mod int64 with number', fn: (a) => tsr.mod(a, 4), inputs: [{ values: [-9, 9, 2 ** 40 + 3], dtype: 'int64' }], expected: [3, 1, 3], expectedDtype: 'int64', grad: false },
  { name: 'div int64 truncates exactly', fn: (a, b) => tsr.div(a, b), inputs: [{ values: [7, -7, 2 ** 53 - 1], dtype: 'int64' }, { values: [2, 2, 2 ** 27], dtype: 'int64' }], expected: [3, -3, 2 ** 26 - 1], expectedDtype: 'int64', grad: false },

  // ---- comparisons (bool output, no gradient)
  { name: 'equal broadcast with NaN', fn: (a, b) => tsr.equal(a, b), inputs: [{ values: [[1, 2, 3], [NaN, 2, 6]] }, { values: [1, 2, NaN] }], expected: [[1, 1, 0], [0, 1, 0]], expectedDtype: 'bool', grad: false },
  { name: 'notEqual broadcast with NaN', fn: (a, b) => tsr.notEqual(a, b), inputs: [{ values: [[1, 2, 3], [NaN, 2, 6]] }, { values: [1, 2, NaN] }], expected: [[0, 0, 1], [1, 0, 1]], expectedDtype: 'bool', grad: false },
  { name: 'less [2,1]<[3]', fn: (a, b) => tsr.less(a, b), inputs: [[2, 1], [3]], reference: map2((a, b) => b01(a < b)), expectedDtype: 'bool', grad: false },
  { name: 'lessEqual', fn: (a, b) => tsr.lessEqual(a, b), inputs: [{ values: [1, 2, 3, NaN] }, { values: [2, 2, 2, 2] }], expected: [1, 1, 0, 0], expectedDtype: 'bool', grad: false },
  { name: 'greater [3]>[2,1]', fn: (a, b) => tsr.greater(a, b), inputs: [[3], [2, 1]], reference: map2((a, b) => b01(a > b)), expectedShape: [2, 3], grad: false },
  { name: 'greaterEqual', fn: (a, b) => tsr.greaterEqual(a, b), inputs: [{ values: [1, 2, 3, NaN] }, { values: [2, 2, 2, 2] }], expected: [0, 1, 1, 0], expectedDtype: 'bool', grad: false },
  { name: 'greater int32 vs number', fn: (a) => tsr.greater(a, 2), inputs: [{ values: [1, 2, 3], dtype: 'int32' }], expected: [0, 0, 1], expectedDtype: 'bool', grad: false },
  { name: 'equal bool', fn: (a, b) => tsr.equal(a, b), inputs: [{ values: [T, N, T], dtype: 'bool' }, { values: [T, T, N], dtype: 'bool' }], expected: [1, 0, 0], grad: false },

  // ---- logic (bool in, bool out)
  { name: 'logicalAnd broadcast', fn: (a, b) => tsr.logicalAnd(a, b), inputs: [{ values: [[T, N], [T, T]], dtype: 'bool' }, { values: [T, N], dtype: 'bool' }], expected: [[1, 0], [1, 0]], expectedDtype: 'bool', grad: false },
  { name: 'logicalOr broadcast', fn: (a, b) => tsr.logicalOr(a, b), inputs: [{ values: [[T, N], [N, N]], dtype: 'bool' }, { values: [[N], [T]], dtype: 'bool' }], expected: [[1, 0], [1, 1]], expectedDtype: 'bool', grad: false },
  { name: 'logicalXor', fn: (a, b) => tsr.logicalXor(a, b), inputs: [{ values: [T, T, N, N], dtype: 'bool' }, { values: [T, N, T, N], dtype: 'bool' }], expected: [0, 1, 1, 0], expectedDtype: 'bool', grad: false },
  { name: 'logicalNot', fn: (a) => tsr.logicalNot(a), inputs: [{ values: [T, N], dtype: 'bool' }], expected: [0, 1], expectedDtype: 'bool', grad: false },
  { name: 'logicalAnd with a JS boolean', fn: (a) => tsr.logicalAnd(a, true), inputs: [{ values: [T, N], dtype: 'bool' }], expected: [1, 0], grad: false },
  { name: 'isNaN', fn: (x) => tsr.isNaN(x), inputs: [{ values: [1, NaN, Infinity, -Infinity, 0] }], expected: [0, 1, 0, 0, 0], expectedDtype: 'bool', grad: false },
  { name: 'isFinite', fn: (x) => tsr.isFinite(x), inputs: [{ values: [1, NaN, Infinity, -Infinity, 0] }], expected: [1, 0, 0, 0, 1], expectedDtype: 'bool', grad: false },
  { name: 'isFinite int32', fn: (x) => tsr.isFinite(x), inputs: [{ values: [1, -2], dtype: 'int32' }], expected: [1, 1], grad: false },

  // ---- where
  {
    name: 'where 3-way broadcast [2,1,3] [4,3] [4,1]', fn: (c, a, b) => tsr.where(c, a, b),
    inputs: [{ shape: [2, 1, 3], dtype: 'bool' }, [4, 3], [4, 1]],
    reference: (c, a, b) => bcast((cv, av, bv) => (cv ? av : bv), c, a, b), expectedShape: [2, 4, 3],
  },
  {
    name: 'where same shapes', fn: (c, a, b) => tsr.where(c, a, b),
    inputs: [{ values: [T, N, N, T], dtype: 'bool' }, { values: [1, 2, 3, 4] }, { values: [10, 20, 30, 40] }], expected: [1, 20, 30, 4],
  },
  { name: 'where with a number branch', fn: (c, a) => tsr.where(c, a, 0), inputs: [{ shape: [3, 1], dtype: 'bool' }, [3, 5]], reference: (c, a) => bcast((cv, av) => (cv ? av : 0), c, a) },
  { name: 'where int32 branches', fn: (c, a, b) => tsr.where(c, a, b), inputs: [{ values: [T, N], dtype: 'bool' }, { values: [1, 2], dtype: 'int32' }, { values: [-1, -2], dtype: 'int32' }], expected: [1, -2], expectedDtype: 'int32', grad: false },
];
