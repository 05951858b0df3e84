/**
 * Mixed shapes and dtypes are caught when the op is applied — while the graph is built, before
 * any value is computed or any session compiled — by an OpError that names the op and ends with
 * what it received. The second half checks the converse: every op × dtype that builds also runs
 * on ONNX Runtime and agrees with the reference backend (a graph that builds must not fail later,
 * at compile time, far from the line that made it).
 */
import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { getBackend } from '../../src/core/engine.js';
import { OpError } from '../../src/core/errors.js';
import type { OrtRuntime } from '../../src/backends/onnxruntime/runtime.js';

type Maker = (shape: number[]) => tsr.Tensor;

/** Inputs are pending (computed by an op), so a check that read values would realize them. */
const made: tsr.Tensor[] = [];
const track = (t: tsr.Tensor): tsr.Tensor => (made.push(t), t);
const f: Maker = (s) => track(tsr.exp(tsr.zeros(s)));
const i32: Maker = (s) => track(tsr.cast(tsr.exp(tsr.zeros(s)), 'int32'));
const bool: Maker = (s) => track(tsr.greater(tsr.exp(tsr.zeros(s)), 0));

/** [op the error names, what the message ends with, the call]. */
const cases: [string, string, () => unknown][] = [
  // binary elementwise ops with shapes that do not broadcast
  ['add', 'cannot broadcast shapes [2,3] and [3,2]', () => tsr.add(f([2, 3]), f([3, 2]))],
  ['sub', 'cannot broadcast shapes [2,3] and [4]', () => tsr.sub(f([2, 3]), f([4]))],
  ['mul', 'cannot broadcast shapes [5] and [2,3]', () => tsr.mul(f([5]), f([2, 3]))],
  ['div', 'cannot broadcast shapes [2] and [3]', () => tsr.div(f([2]), f([3]))],
  ['pow', 'cannot broadcast shapes [2] and [3]', () => tsr.pow(f([2]), f([3]))],
  ['maximum', 'cannot broadcast shapes [2,1,4] and [3,5]', () => tsr.maximum(f([2, 1, 4]), f([3, 5]))],
  ['mod', 'cannot broadcast shapes [2] and [3]', () => tsr.mod(i32([2]), i32([3]))],
  ['equal', 'cannot broadcast shapes [2] and [3]', () => tsr.equal(f([2]), f([3]))],
  ['greater', 'cannot broadcast shapes [2,3], [4]', () => tsr.greater(f([2, 3]), f([4]))],
  ['logicalAnd', 'cannot broadcast shapes [2] and [3]', () => tsr.logicalAnd(bool([2]), bool([3]))],
  ['where', 'cannot broadcast shapes [2], [3], [2]', () => tsr.where(bool([2]), f([3]), f([2]))],
  ['clip', 'cannot broadcast shapes [2], [3], [2]', () => tsr.clip(f([2]), f([3]), f([2]))],
  // dtypes an op does not take
  ['add', 'Received: dtype=bool', () => tsr.add(bool([2]), bool([2]))],
  ['neg', 'Received: dtype=bool', () => tsr.neg(bool([2]))],
  ['matmul', 'Received: dtype=bool', () => tsr.matmul(bool([2, 3]), bool([3, 2]))],
  ['where', 'Received: dtype=float32', () => tsr.where(f([2]), f([2]), f([2]))],
  ['logicalAnd', 'Received: float32 and int32', () => tsr.logicalAnd(f([2]), i32([2]))],
  ['logicalNot', 'Received: int32', () => tsr.logicalNot(i32([2]))],
  ['concat', 'Received: float32, int32', () => tsr.concat([f([2, 3]), i32([2, 3])])],
  ['stack', 'Received: float32, int32', () => tsr.stack([f([2]), i32([2])])],
  ['gather', 'indices must be int32 or int64. Received: float32', () => tsr.gather(f([4, 2]), f([2]))],
  ['gather', 'indices must be int32 or int64. Received: bool', () => tsr.gather(f([4, 2]), bool([2]))],
  ['oneHot', 'Received: float32', () => tsr.oneHot(f([3]), 4)],
  ['takeAlongAxis', 'Received: float32', () => tsr.takeAlongAxis(f([3, 4]), f([3, 1]), 1)],
  ['scatterAdd', 'Received: float32', () => tsr.scatterAdd(f([4, 2]), f([2, 2]), f([2, 2]), 0)],
  ['scatterAdd', 'updates must have the dtype of x (float32). Received: int32', () => tsr.scatterAdd(f([4, 2]), i32([1, 2]), i32([1, 2]), 0)],
  ['scatterAdd', 'Received: dtype=bool', () => tsr.scatterAdd(bool([3]), i32([1]), bool([1]), 0)],
  ['cast', 'Received: dtype=float16', () => tsr.cast(f([2]), 'float16' as tsr.DType)],
  // matmul
  ['matmul', 'inner dimensions differ. Received: 3 and 4', () => tsr.matmul(f([2, 3]), f([4, 5]))],
  ['matmul', 'inner dimensions differ. Received: 2 and 3', () => tsr.matmul(f([2, 3]), f([3, 5]), { transposeA: true })],
  ['matmul', 'Received: [3] and [3,2]', () => tsr.matmul(f([3]), f([3, 2]))],
  ['matmul', 'cannot broadcast shapes [2] and [3]', () => tsr.matmul(f([2, 2, 3]), f([3, 3, 1]))],
  // joining
  ['concat', 'Received: [2,3], [2,4]', () => tsr.concat([f([2, 3]), f([2, 4])], 0)],
  ['concat', 'Received: [2,3], [2]', () => tsr.concat([f([2, 3]), f([2])], 0)],
  ['concat', 'Received: axis=2', () => tsr.concat([f([2, 3]), f([2, 3])], 2)],
  ['concat', 'Received: []', () => tsr.concat([])],
  ['stack', 'Received: [2,3], [3,2]', () => tsr.stack([f([2, 3]), f([3, 2])])],
  // convolution and pooling: channels, ranks, windows
  ['conv', 'Received: input [1,5,5,3], kernel [3,3,2,4], groups=1', () => tsr.conv2d(f([1, 5, 5, 3]), f([3, 3, 2, 4]))],
  ['conv', 'Received: input [1,5,3], kernel [3,2,4], groups=1', () => tsr.conv1d(f([1, 5, 3]), f([3, 2, 4]))],
  ['conv2d', 'Received: shape [5,5,3]', () => tsr.conv2d(f([5, 5, 3]), f([3, 3, 3, 4]))],
  ['conv', 'Received: spatial shape [2,2], window [3,3], padding [[0,0],[0,0]]', () => tsr.conv2d(f([1, 2, 2, 3]), f([3, 3, 3, 4]))],
  ['convTranspose', 'Received: input [1,5,5,3], kernel [3,3,4,2]', () => tsr.conv2dTranspose(f([1, 5, 5, 3]), f([3, 3, 4, 2]))],
  ['maxPool2d', 'Received: shape [5,5,3]', () => tsr.maxPool2d(f([5, 5, 3]), { poolSize: 2 })],
  ['globalAvgPool', 'Received: shape [4]', () => tsr.globalAvgPool(f([4]))],
  ['resize', 'Received: shape [4,4]', () => tsr.resize(f([4, 4]), [8, 8])],
  // shapes and axes
  ['reshape', 'cannot reshape [2,3] (6 values) into [4]', () => tsr.reshape(f([2, 3]), [4])],
  ['reshape', 'cannot reshape [2,3] (6 values) into [4,-1]', () => tsr.reshape(f([2, 3]), [4, -1])],
  ['transpose', 'Received: perm=[0,2]', () => tsr.transpose(f([2, 3]), [0, 2])],
  ['slice', 'Received: begin=[0,2], size=[1,2]', () => tsr.slice(f([2, 3]), [0, 2], [1, 2])],
  ['pad', 'Received: paddings=[0,0,-4,0]', () => tsr.pad(f([2, 3]), [[0, 0], [-4, 0]])],
  ['split', 'Received: 2', () => tsr.split(f([5]), 2)],
  ['squeeze', 'Received: axis=0', () => tsr.squeeze(f([2, 3]), 0)],
  ['expandDims', 'Received: axis=4', () => tsr.expandDims(f([2, 3]), 4)],
  ['broadcastTo', 'cannot broadcast shapes [2,3] and [3,3]', () => tsr.broadcastTo(f([2, 3]), [3, 3])],
  ['sum', 'Received: axis=2', () => tsr.sum(f([2, 3]), 2)],
  ['argmax', 'Received: axis=3', () => tsr.argmax(f([2, 3]), 3)],
  ['cumsum', 'Received: axis=1', () => tsr.cumsum(f([3]), 1)],
  ['flip', 'Received: axis=5', () => tsr.flip(f([2, 3]), 5)],
  ['unstack', 'Received: axis=3', () => tsr.unstack(f([2, 3]), 3)],
  // composites check their operands before building anything
  ['sparseCategoricalCrossentropy', 'Received: yTrue [4]', () => tsr.sparseCategoricalCrossentropy(i32([4]), f([3, 4]))],
  ['categoricalCrossentropy', 'Received: yTrue [3,5], yPred [3,4]', () => tsr.categoricalCrossentropy(f([3, 5]), f([3, 4]))],
  ['meanSquaredError', 'Received: yTrue [3,5], yPred [3,4]', () => tsr.meanSquaredError(f([3, 5]), f([3, 4]))],
  ['binaryCrossentropy', 'Received: yTrue [3,5], yPred [3,4]', () => tsr.binaryCrossentropy(f([3, 5]), f([3, 4]))],
  ['layerNorm', 'Received: gamma [5]', () => tsr.layerNorm(f([3, 4]), f([5]), f([4]))],
  ['batchNorm', 'Received: mean [3]', () => tsr.batchNorm(f([2, 4]), f([3]), f([4]), f([4]), f([4]))],
  ['scaledDotProductAttention', 'Received: q [2,3,4], k [2,5,6], v [2,5,4]', () => tsr.scaledDotProductAttention(f([2, 3, 4]), f([2, 5, 6]), f([2, 5, 4]))],
  // layers name themselves
  ['dense', 'Received: shape [3,5]', () => { const d = tsr.layers.dense({ units: 2 }); d.apply(f([3, 4])); d.apply(f([3, 5])); }],
  ['conv2d', 'Received: input shape [1,5,5,4]', () => { const c = tsr.layers.conv2d({ filters: 2, kernelSize: 3 }); c.apply(f([1, 5, 5, 3])); c.apply(f([1, 5, 5, 4])); }],
];

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

const runtime = (): OrtRuntime | null => (getBackend() as { runtime?: OrtRuntime }).runtime ?? null;

describe('build-time checks: mixed shapes and dtypes', () => {
  it.each(cases.map(([op, tail, fn], k) => [`${k}: ${op} … ${tail}`, op, tail, fn] as const))('%s', (_label, op, tail, fn) => {
    made.length = 0;
    const compiles = runtime()?.stats.compiles ?? 0;
    const e = thrown(fn);
    expect(e).toBeInstanceOf(OpError);
    const err = e as OpError;
    expect(err.op).toBe(op);
    expect(err.message.startsWith(`${op}: `)).toBe(true);
    expect(err.message.endsWith(tail), err.message).toBe(true);
    // Raised while building: no input was computed, nothing was compiled.
    expect(made.every((t) => !t.isRealized)).toBe(true);
    expect(runtime()?.stats.compiles ?? 0).toBe(compiles);
  });

  it('inside jit and grad the same error comes out, before anything is compiled', async () => {
    const compiles = runtime()?.stats.compiles ?? 0;
    const step = tsr.jit((a: tsr.Tensor, b: tsr.Tensor) => tsr.matmul(a, b).sum());
    await expect(step(tsr.zeros([2, 3]), tsr.zeros([4, 2]))).rejects.toThrow(new OpError('matmul', 'cannot multiply [2,3] by [4,2]: inner dimensions differ. Received: 3 and 4'));
    expect(thrown(() => tsr.grad((a: tsr.Tensor) => tsr.add(a, tsr.zeros([3])).sum())(tsr.zeros([2])))).toEqual(new OpError('add', 'cannot broadcast shapes [2] and [3]'));
    expect(runtime()?.stats.compiles ?? 0).toBe(compiles);
  });

  it('a model fed the wrong shapes names the layer or the loss', async () => {
    const m = tsr.sequential([tsr.layers.dense({ units: 2, inputShape: [4] })]);
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await expect(m.predict(tsr.zeros([3, 5]))).rejects.toThrow(/^dense(_\d+)?: expected inputs with last dimension 4\. Received: shape \[3,5\]$/);
    await expect(m.fit(tsr.zeros([3, 4]), tsr.zeros([3, 3]), { verbose: 0 })).rejects.toThrow(/^meanSquaredError: .*Received: yTrue \[3,3\], yPred \[3,2\]$/);
  });
});

// ---- what builds, runs --------------------------------------------------------------------------

const DTYPES = ['float32', 'int32', 'int64', 'bool'] as const;
/** Values with negatives, zeros and fractions (as int: -2, 0, 1, 3), so that each op's cases show. */
function valued(dtype: (typeof DTYPES)[number], shape: number[]): tsr.Tensor {
  const base = tsr.tensor([-2.5, 0, 1.5, 3], [4]);
  const x = tsr.reshape(tsr.tile(base, [shape.reduce((a, b) => a * b, 1) / 4]), shape);
  return dtype === 'float32' ? x : dtype === 'bool' ? tsr.greater(x, 0) : tsr.cast(tsr.round(x), dtype);
}
type Fn = (...args: unknown[]) => tsr.Tensor;
const ops = tsr as unknown as Record<string, Fn>;
const UNARY = ['abs', 'ceil', 'cos', 'elu', 'erf', 'exp', 'floor', 'gelu', 'isFinite', 'isNaN', 'leakyRelu', 'log', 'log1p', 'neg', 'reciprocal',
  'relu', 'round', 'rsqrt', 'selu', 'sigmoid', 'sign', 'sin', 'softplus', 'sqrt', 'square', 'tanh', 'logicalNot', 'sum', 'mean', 'max', 'min',
  'prod', 'variance', 'argmax', 'argmin', 'cumsum', 'logSumExp', 'softmax', 'flip', 'transpose'];
const BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'mod', 'equal', 'greater', 'lessEqual', 'logicalAnd', 'logicalXor', 'matmul'];

function sweep(): [string, () => tsr.Tensor][] {
  const out: [string, () => tsr.Tensor][] = [];
  for (const d of DTYPES) {
    for (const op of UNARY) out.push([`${op}(${d})`, () => ops[op]!(valued(d, [2, 2]))]);
    for (const op of BINARY) for (const e of DTYPES) out.push([`${op}(${d}, ${e})`, () => ops[op]!(valued(d, [2, 2]), valued(e, [2, 2]))]);
    out.push([`gather(${d})`, () => tsr.gather(valued(d, [4, 2]), tsr.tensor([0, 3], [2], 'int32'))]);
    out.push([`where(bool, ${d})`, () => tsr.where(valued('bool', [4]), valued(d, [4]), tsr.zerosLike(valued(d, [4])))]);
    out.push([`maxPool2d(${d})`, () => tsr.maxPool2d(valued(d, [1, 2, 2, 1]), { poolSize: 2 })]);
    out.push([`conv2d(${d})`, () => tsr.conv2d(valued(d, [1, 2, 2, 1]), valued(d, [1, 1, 1, 4]))]);
    out.push([`scatterAdd(${d})`, () => tsr.scatterAdd(valued(d, [4]), tsr.tensor([0, 0], [2], 'int32'), valued(d, [4]).slice([0], [2]), 0)]);
    out.push([`cast(${d} → bool)`, () => tsr.cast(valued(d, [4]), 'bool')]);
    out.push([`pad(${d})`, () => tsr.pad(valued(d, [4]), [[1, 1]])]);
  }
  return out;
}

function close(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, k) => v === b[k] || (Number.isNaN(v) && Number.isNaN(b[k]!)) || Math.abs(v - b[k]!) <= 1e-5 * Math.max(1, Math.abs(v)));
}

describe('what builds also runs on ONNX Runtime, with the reference values', () => {
  it.runIf(getBackend().name === 'onnxruntime')('every op × dtype of the sweep', async () => {
    const failures: string[] = [];
    let built = 0;
    try {
      for (const [name, fn] of sweep()) {
        tsr.setBackend('reference');
        let ref: number[];
        try {
          ref = Array.from(fn().dataSync() as ArrayLike<number>, Number);
        } catch (e) {
          expect(e, name).toBeInstanceOf(OpError); // refused at build time: fine, and named
          continue;
        }
        built++;
        tsr.setBackend('onnxruntime');
        try {
          const got = Array.from((await fn().data()) as ArrayLike<number>, Number);
          if (!close(got, ref)) failures.push(`${name}: onnxruntime ${JSON.stringify(got)}, reference ${JSON.stringify(ref)}`);
        } catch (e) {
          failures.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    } finally {
      tsr.setBackend('onnxruntime');
    }
    expect(failures).toEqual([]);
    expect(built).toBeGreaterThan(300); // 349 of the 412 combinations build today
  });
});
