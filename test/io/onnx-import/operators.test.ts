/**
 * Every imported ONNX operator, one node at a time: ONNX Runtime runs the same one-node model as
 * the definition of the operator's meaning (forward), and the imported function's gradient is
 * checked against finite differences (float64) — fine-tuning needs both.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { OnnxModelBuilder } from '../../../src/backends/onnxruntime/model-builder.js';
import type { OnnxAttr } from '../../../src/core/op.js';
import { ONNX_OPS } from '../../../src/io/onnx-import/index.js';

interface InputSpec {
  shape: number[];
  dtype?: 'float32' | 'int64' | 'bool';
  /** A constant initializer (shapes, axes, indices) instead of a graph input. */
  values?: number[];
  /** Graph-input values drawn from [lo, hi) (integers for int64). */
  range?: [number, number];
  /** Graph-input values given outright (NaN and infinities, which `range` never draws). */
  data?: number[];
}

interface OpCase {
  name?: string;
  op: string;
  attrs?: Record<string, OnnxAttr>;
  inputs: (InputSpec | null)[];
  outputs?: number;
  /** false: no gradient check (piecewise-constant outputs, integer results). */
  grad?: boolean;
}

const f = (...shape: number[]): InputSpec => ({ shape });
const pos = (...shape: number[]): InputSpec => ({ shape, range: [0.5, 2] });
const ints = (values: number[], shape = [values.length]): InputSpec => ({ shape, dtype: 'int64', values });

const CASES: OpCase[] = [
  ...['Add', 'Sub', 'Mul', 'Max', 'Min', 'Sum', 'Mean'].map((op) => ({ op, inputs: [f(2, 3), f(3)] })),
  { op: 'Div', inputs: [f(2, 3), pos(2, 3)] },
  { op: 'Pow', inputs: [pos(2, 3), f(2, 3)] },
  ...['Relu', 'Sigmoid', 'Tanh', 'Exp', 'Neg', 'Abs', 'Erf', 'Softplus', 'Sin', 'Cos', 'Identity'].map((op) => ({ op, inputs: [f(2, 5)] })),
  ...['Sqrt', 'Log', 'Reciprocal'].map((op) => ({ op, inputs: [pos(2, 5)] })),
  { op: 'Elu', attrs: { alpha: { float: 0.7 } }, inputs: [f(2, 5)] },
  { op: 'Selu', inputs: [f(2, 5)] },
  { op: 'LeakyRelu', attrs: { alpha: { float: 0.1 } }, inputs: [f(2, 5)] },
  { op: 'HardSigmoid', inputs: [f(2, 5)] },
  { op: 'Softmax', attrs: { axis: 1 }, inputs: [f(2, 4, 3)] },
  { op: 'LogSoftmax', inputs: [f(2, 5)] },
  { op: 'Clip', inputs: [f(2, 5), { shape: [], values: [-0.5] }, { shape: [], values: [0.5] }] },
  { op: 'Where', inputs: [{ shape: [2, 3], dtype: 'bool', range: [0, 2] }, f(2, 3), f(2, 3)] },
  { op: 'Cast', attrs: { to: 11 }, inputs: [f(2, 3)] },
  ...['Floor', 'Ceil', 'Round', 'Sign'].map((op) => ({ op, inputs: [f(2, 3)], grad: false })),
  { op: 'Mod', attrs: { fmod: 1 }, inputs: [f(2, 3), pos(2, 3)], grad: false },
  ...['Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual'].map((op) => ({ op, inputs: [f(2, 3), f(3)], grad: false })),
  ...['And', 'Or', 'Xor'].map((op) => ({ op, inputs: [{ shape: [2, 3], dtype: 'bool' as const, range: [0, 2] as [number, number] }, { shape: [3], dtype: 'bool' as const, range: [0, 2] as [number, number] }], grad: false })),
  ...['IsNaN', 'IsInf'].map((op) => ({ op, inputs: [{ shape: [2, 3], data: [NaN, Infinity, -Infinity, 0, -2, 3.5] }], grad: false })),
  ...[[0, 1], [1, 0], [0, 0]].map(([negative, positive]) => ({
    name: `IsInf (detect_negative ${negative}, detect_positive ${positive})`, op: 'IsInf', attrs: { detect_negative: negative!, detect_positive: positive! },
    inputs: [{ shape: [6], data: [NaN, Infinity, -Infinity, 0, -2, 3.5] }], grad: false,
  })),
  { op: 'Not', inputs: [{ shape: [4], dtype: 'bool', range: [0, 2] }], grad: false },
  { op: 'ReduceProd', attrs: { axes: [0, 2], keepdims: 1 }, inputs: [pos(2, 3, 2)] },
  { op: 'Size', inputs: [f(2, 3, 4)], grad: false },
  { op: 'Equal', inputs: [{ shape: [4], dtype: 'int64', range: [0, 3] }, { shape: [4], dtype: 'int64', range: [0, 3] }], grad: false },
  ...['ReduceMean', 'ReduceMax', 'ReduceMin'].map((op) => ({ op, attrs: { axes: [1], keepdims: 0 }, inputs: [f(2, 4, 3)] })),
  { name: 'ReduceSum (axes input)', op: 'ReduceSum', inputs: [f(2, 4, 3), ints([-1])] },
  { op: 'MatMul', inputs: [f(2, 3, 4), f(4, 5)] },
  { op: 'Gemm', attrs: { transB: 1, alpha: { float: 0.5 }, beta: { float: 2 } }, inputs: [f(3, 4), f(5, 4), f(5)] },
  { op: 'Conv', attrs: { kernel_shape: [3, 3], pads: [1, 0, 1, 2], strides: [2, 1] }, inputs: [f(2, 3, 6, 5), f(4, 3, 3, 3), f(4)] },
  { name: 'Conv (grouped, SAME_UPPER, 1-D)', op: 'Conv', attrs: { auto_pad: 'SAME_UPPER', group: 2, strides: [2] }, inputs: [f(1, 4, 8), f(6, 2, 3)] },
  { name: 'Conv (dilated)', op: 'Conv', attrs: { dilations: [2, 1], pads: [2, 1, 2, 1] }, inputs: [f(1, 2, 6, 5), f(3, 2, 3, 3)] },
  { op: 'ConvTranspose', attrs: { strides: [2, 2], pads: [1, 1, 0, 0], output_padding: [1, 0] }, inputs: [f(1, 3, 4, 3), f(3, 2, 3, 3), f(2)] },
  { op: 'MaxPool', attrs: { kernel_shape: [2, 2], strides: [2, 1], pads: [0, 1, 0, 0] }, inputs: [f(2, 3, 4, 5)] },
  { op: 'AveragePool', attrs: { kernel_shape: [3], pads: [1, 1], count_include_pad: 1 }, inputs: [f(2, 3, 7)] },
  { op: 'GlobalAveragePool', inputs: [f(2, 3, 4, 5)] },
  { op: 'GlobalMaxPool', inputs: [f(2, 3, 4, 5)] },
  { op: 'BatchNormalization', attrs: { epsilon: { float: 1e-3 } }, inputs: [f(2, 3, 4), f(3), f(3), f(3), pos(3)] },
  { op: 'LayerNormalization', attrs: { axis: -2 }, inputs: [f(2, 3, 4), f(3, 4), f(3, 4)] },
  { op: 'Reshape', inputs: [f(2, 3, 4), ints([0, -1])] },
  { op: 'Flatten', attrs: { axis: 2 }, inputs: [f(2, 3, 4)] },
  { op: 'Transpose', attrs: { perm: [2, 0, 1] }, inputs: [f(2, 3, 4)] },
  { op: 'Squeeze', inputs: [f(2, 1, 4), ints([1])] },
  { op: 'Unsqueeze', inputs: [f(2, 4), ints([0, -1])] },
  { op: 'Concat', attrs: { axis: -1 }, inputs: [f(2, 3), f(2, 2)] },
  { op: 'Split', attrs: { axis: 1 }, inputs: [f(2, 5), ints([2, 3])], outputs: 2 },
  { op: 'Slice', inputs: [f(4, 6), ints([1, -1]), ints([100, 0]), ints([0, 1]), ints([2, -2])] },
  { op: 'Gather', attrs: { axis: 1 }, inputs: [f(2, 5), ints([4, 0, -1, 2], [2, 2])] },
  { name: 'Gather (embedding lookup, indices as input)', op: 'Gather', inputs: [f(6, 3), { shape: [2, 4], dtype: 'int64', range: [0, 6] }] },
  { op: 'Expand', inputs: [f(3, 1), ints([2, 3, 4])] },
  { op: 'Tile', inputs: [f(2, 3), ints([2, 1])] },
  { op: 'Pad', attrs: { mode: 'constant' }, inputs: [f(2, 3), ints([0, 1, 1, 2]), { shape: [], values: [0.5] }] },
  { op: 'Shape', inputs: [f(2, 3, 4)], grad: false },
  { op: 'ConstantOfShape', inputs: [ints([2, 3])], grad: false },
  { op: 'Range', inputs: [{ shape: [], dtype: 'int64', values: [1] }, { shape: [], dtype: 'int64', values: [9] }, { shape: [], dtype: 'int64', values: [3] }], grad: false },
  { op: 'Dropout', inputs: [f(2, 3)] },
  { op: 'LSTM', attrs: { hidden_size: 3 }, inputs: [f(4, 2, 5), f(1, 12, 5), f(1, 12, 3), f(1, 24)], outputs: 3 },
  { name: 'LSTM (bidirectional, initial states)', op: 'LSTM', attrs: { hidden_size: 2, direction: 'bidirectional' },
    inputs: [f(3, 2, 4), f(2, 8, 4), f(2, 8, 2), f(2, 16), null, f(2, 2, 2), f(2, 2, 2)], outputs: 3 },
  { op: 'GRU', attrs: { hidden_size: 3, linear_before_reset: 1 }, inputs: [f(4, 2, 5), f(1, 9, 5), f(1, 9, 3), f(1, 18)], outputs: 2 },
  { name: 'GRU (reverse, reset before the linear map)', op: 'GRU', attrs: { hidden_size: 3, direction: 'reverse' }, inputs: [f(3, 2, 4), f(1, 9, 4), f(1, 9, 3), f(1, 18)], outputs: 2 },
  { op: 'RNN', attrs: { hidden_size: 3 }, inputs: [f(4, 2, 5), f(1, 3, 5), f(1, 3, 3), f(1, 6)], outputs: 2 },
];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function build(c: OpCase, seed: number): { bytes: Uint8Array; feeds: { name: string; shape: number[]; dtype: string; data: number[] }[] } {
  const b = new OnnxModelBuilder();
  const r = lcg(seed);
  const feeds: { name: string; shape: number[]; dtype: string; data: number[] }[] = [];
  const names = c.inputs.map((spec) => {
    if (!spec) return '';
    const dtype = spec.dtype ?? 'float32';
    if (spec.values) return b.constant(spec.values, spec.shape, dtype);
    const size = spec.shape.reduce((a, d) => a * d, 1);
    const [lo, hi] = spec.range ?? [-1.5, 1.5];
    const data = spec.data ?? Array.from({ length: size }, () => (dtype === 'float32' ? lo + (hi - lo) * r() : Math.floor(lo + (hi - lo) * r())));
    const name = b.addInput(spec.shape, dtype);
    feeds.push({ name, shape: spec.shape, dtype, data });
    return name;
  });
  const outs = b.nodes(c.op, names, c.attrs ?? {}, c.outputs ?? 1);
  // Output types and shapes are left for ONNX Runtime to infer.
  outs.forEach((o) => b.addOutput(o, [], 'float32'));
  for (const o of b.parts().outputs) {
    o.shape = null;
    o.dtype = null;
  }
  return { bytes: b.build(), feeds };
}

const ortTensor = (f: { shape: number[]; dtype: string; data: number[] }): ort.Tensor =>
  f.dtype === 'int64' ? new ort.Tensor('int64', BigInt64Array.from(f.data, (v) => BigInt(v)), f.shape)
    : f.dtype === 'bool' ? new ort.Tensor('bool', Uint8Array.from(f.data), f.shape)
      : new ort.Tensor('float32', Float32Array.from(f.data), f.shape);

const tsrTensor = (f: { shape: number[]; dtype: string; data: number[] }): tsr.Tensor => tsr.tensor(f.data, f.shape, f.dtype as tsr.DType);

describe('ONNX operators imported one node at a time', () => {
  it('covers every operator the importer registers', () => {
    // Constant (a tensor attribute) is exercised by every PyTorch export in pytorch-models.test.ts.
    expect(Object.keys(ONNX_OPS).filter((op) => !CASES.some((c) => c.op === op))).toEqual(['Constant']);
  });

  CASES.forEach((c, k) => {
    it(`${c.name ?? c.op}: ONNX Runtime's values, gradient by finite differences`, async () => {
      const { bytes, feeds } = build(c, 100 + k);
      const session = await ort.InferenceSession.create(bytes);
      const expected = await session.run(Object.fromEntries(feeds.map((f) => [f.name, ortTensor(f)])));
      const model = await tsr.loadOnnx(bytes);
      const xs = feeds.map(tsrTensor);
      const out = model.call(xs.length === 1 ? xs[0]! : xs, { training: false, mask: null, kwargs: {} });
      const outs = Array.isArray(out) ? out : [out];
      for (const [i, name] of session.outputNames.entries()) {
        const want = expected[name]!;
        const got = outs[i] as tsr.Tensor;
        expect(got.shape).toEqual([...want.dims]);
        const g = Array.from((await got.data()) as ArrayLike<number>, Number);
        const w = Array.from(want.data as ArrayLike<number | bigint>, Number);
        g.forEach((v, j) => expect(Math.abs(v - w[j]!)).toBeLessThan(1e-5 + 1e-5 * Math.abs(w[j]!)));
      }
      if (c.grad === false || !xs.some((x) => x.dtype === 'float32')) return;
      const fn = (...args: tsr.Tensor[]) => {
        const y = model.call(args.length === 1 ? args[0]! : args, { training: false, mask: null, kwargs: {} });
        const list = (Array.isArray(y) ? y : [y]) as tsr.Tensor[];
        return tsr.concat(list.filter((t) => t.dtype === 'float32' || t.dtype === 'float64').map((t) => tsr.reshape(tsr.cast(t, 'float64'), [-1])));
      };
      const check = tsr.gradcheck(fn, xs, { maxElements: 24 });
      expect(check.ok, JSON.stringify(check).slice(0, 400)).toBe(true);
    });
  });
});
