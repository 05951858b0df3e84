/**
 * Every metric: statistics accumulated over three batches give the value computed on all the data
 * at once; batchStatistics traced by jit on ONNX Runtime gives the reference backend's numbers;
 * configs round-trip through JSON. Then getMetric's names, Keras's 'accuracy' resolution, wrapped
 * functions and errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/backends/reference/index.js';
import '../../src/backends/onnxruntime/node.js';
import { setBackend } from '../../src/core/engine.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import { jit } from '../../src/jit/jit.js';
import * as losses from '../../src/losses/index.js';
import * as metrics from '../../src/metrics/index.js';
import { getMetric, MeanMetricWrapper, type Metric } from '../../src/metrics/index.js';
import { abs } from '../../src/ops/elementwise/abs.js';
import { sub } from '../../src/ops/elementwise/sub.js';
import { slice } from '../../src/ops/shape/slice.js';

afterEach(() => setBackend('reference'));

/** Deterministic uniform numbers in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

const N = 12;
const rand = uniform(42);
const rows = (cols: number, f: () => number): number[][] => Array.from({ length: N }, () => Array.from({ length: cols }, f));
const softmaxRows = (x: number[][]): number[][] => x.map((r) => {
  const e = r.map((v) => Math.exp(3 * v));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
});
const classes = Array.from({ length: N }, () => Math.floor(rand() * 4));
const data = {
  binary: { yTrue: tensor(rows(1, () => (rand() < 0.5 ? 0 : 1))), yPred: tensor(rows(1, rand)) },
  categorical: { yTrue: tensor(classes.map((c) => [0, 1, 2, 3].map((k) => (k === c ? 1 : 0)))), yPred: tensor(softmaxRows(rows(4, rand))) },
  sparse: { yTrue: tensor(classes, [N], 'int32'), yPred: tensor(softmaxRows(rows(4, rand))) },
  multiLabel: { yTrue: tensor(rows(3, () => (rand() < 0.4 ? 1 : 0))), yPred: tensor(rows(3, rand)) },
  regression: { yTrue: tensor(rows(3, () => rand() * 4 - 2)), yPred: tensor(rows(3, () => rand() * 4 - 2)) },
};
const sampleWeight = tensor(Array.from({ length: N }, () => Math.round(rand() * 4) / 2));

type Kind = keyof typeof data;
const cases: [Kind, () => Metric][] = [
  ['binary', () => metrics.binaryAccuracy({ threshold: 0.4 })],
  ['categorical', () => metrics.categoricalAccuracy()],
  ['sparse', () => metrics.sparseCategoricalAccuracy()],
  ['categorical', () => metrics.topKCategoricalAccuracy({ k: 2 })],
  ['sparse', () => metrics.sparseTopKCategoricalAccuracy({ k: 2 })],
  ['binary', () => metrics.precision()],
  ['binary', () => metrics.recall({ thresholds: 0.3 })],
  ['categorical', () => metrics.precision({ topK: 2, name: 'precision_at_2' })],
  ['multiLabel', () => metrics.recall({ classId: 1 })],
  ['multiLabel', () => metrics.f1Score({ threshold: 0.5, average: 'macro' })],
  ['categorical', () => metrics.f1Score({ average: 'weighted' })],
  ['categorical', () => metrics.fbetaScore({ beta: 2, average: 'micro' })],
  ['binary', () => metrics.auc()],
  ['binary', () => metrics.auc({ curve: 'PR', numThresholds: 50 })],
  ['multiLabel', () => metrics.auc({ multiLabel: true, summationMethod: 'majoring', name: 'auc_ml' })],
  ['regression', () => metrics.meanSquaredError()],
  ['regression', () => metrics.meanAbsoluteError()],
  ['regression', () => metrics.rootMeanSquaredError()],
  ['regression', () => metrics.mean({ name: 'mean_prediction' })],
];

const rowsOf = (x: Tensor, start: number, count: number): Tensor => slice(x, [start, ...x.shape.slice(1).map(() => 0)], [count, ...x.shape.slice(1).map(() => -1)]);

describe('metrics: batches, jit, config', () => {
  for (const [kind, make] of cases) {
    const probe = make();
    const { yTrue, yPred } = data[kind];

    it(`${probe.name}: three batches accumulate to the value on all data (with sample weights)`, async () => {
      const whole = make();
      await whole.updateState(yTrue, yPred, sampleWeight);
      const batched = make();
      for (const [start, count] of [[0, 5], [5, 4], [9, 3]] as const) {
        await batched.updateState(rowsOf(yTrue, start, count), rowsOf(yPred, start, count), rowsOf(sampleWeight, start, count));
      }
      expect(Number.isFinite(whole.result())).toBe(true);
      expect(batched.result()).toBeCloseTo(whole.result(), 6);
      // Weights change the value (a check that they are used), and the reset forgets everything.
      const unweighted = make();
      await unweighted.updateState(yTrue, yPred);
      whole.resetState();
      expect(whole.result()).toBe(0);
      await whole.updateState(yTrue, yPred);
      expect(whole.result()).toBe(unweighted.result());
    });

    it(`${probe.name}: batchStatistics under jit on ONNX Runtime = reference`, async () => {
      const m = make();
      const expected = m.batchStatistics(yTrue, yPred, sampleWeight).map((s) => Array.from(s.dataSync() as Float32Array));
      const stats = jit((t: Tensor, p: Tensor, w: Tensor) => m.batchStatistics(t, p, w));
      setBackend('onnxruntime');
      const got = await stats(yTrue, yPred, sampleWeight);
      const values = await Promise.all(got.map(async (s) => Array.from((await s.data()) as Float32Array)));
      expect(values.map((v) => v.length)).toEqual(expected.map((v) => v.length));
      // float32 sums in another order: 1e-6 relative.
      values.forEach((v, i) => v.forEach((x, k) => expect(Math.abs(x - expected[i]![k]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i]![k]!)))));
    });

    it(`${probe.className} config round-trips through JSON`, () => {
      const json = JSON.parse(JSON.stringify(serialize(probe))) as unknown;
      const back = deserialize<Metric>('metric', json);
      expect(back).toBeInstanceOf(probe.constructor);
      expect(back.name).toBe(probe.name);
      expect(back.getConfig()).toEqual(probe.getConfig());
    });
  }
});

describe('getMetric', () => {
  it('resolves names in camelCase and snake_case, with Keras log names', () => {
    const pairs: [string, string, string][] = [
      ['auc', 'AUC', 'auc'],
      ['precision', 'Precision', 'precision'],
      ['recall', 'Recall', 'recall'],
      ['f1_score', 'F1Score', 'f1_score'],
      ['mse', 'MeanSquaredError', 'mse'],
      ['meanAbsoluteError', 'MeanAbsoluteError', 'mean_absolute_error'],
      ['rmse', 'RootMeanSquaredError', 'rmse'],
      ['top_k_categorical_accuracy', 'TopKCategoricalAccuracy', 'top_k_categorical_accuracy'],
      ['sparseTopKCategoricalAccuracy', 'SparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy'],
      ['binary_accuracy', 'BinaryAccuracy', 'binary_accuracy'],
    ];
    for (const [id, className, name] of pairs) {
      const m = getMetric(id);
      expect([id, m.className, m.name]).toEqual([id, className, name]);
    }
  });

  it("'accuracy' follows the loss and output shape, keeping its log name", () => {
    const acc = (context: Parameters<typeof getMetric>[1]): string[] => ['accuracy', 'acc'].map((id) => `${getMetric(id, context).className}:${getMetric(id, context).name}`);
    expect(acc({ loss: losses.binaryCrossentropy() })).toEqual(['BinaryAccuracy:accuracy', 'BinaryAccuracy:acc']);
    expect(acc({ loss: losses.meanSquaredError(), outputShape: [null, 1] })[0]).toBe('BinaryAccuracy:accuracy');
    expect(acc({ loss: losses.sparseCategoricalCrossentropy(), outputShape: [null, 10] })[0]).toBe('SparseCategoricalAccuracy:accuracy');
    expect(acc({ loss: losses.categoricalCrossentropy(), outputShape: [null, 10] })[0]).toBe('CategoricalAccuracy:accuracy');
    expect(acc({})[0]).toBe('CategoricalAccuracy:accuracy');
  });

  it('wraps a function as a weighted mean named after it', async () => {
    const m = getMetric(function meanAbsoluteDeviation(t: Tensor, p: Tensor): Tensor { return abs(sub(p, t)); });
    expect(m).toBeInstanceOf(MeanMetricWrapper);
    expect(m.name).toBe('mean_absolute_deviation');
    await m.updateState(tensor([1, 2, 3]), tensor([2, 2, 5]), tensor([1, 1, 2]));
    expect(m.result()).toBeCloseTo((1 + 0 + 4) / 4, 6);
    expect(() => m.getConfig()).toThrow(/cannot be saved/);
  });

  it('returns Metric objects as they are; rebuilds {className, config}; names unknown ones', () => {
    const m = metrics.auc({ curve: 'PR' });
    expect(getMetric(m)).toBe(m);
    expect((getMetric({ className: 'AUC', config: { curve: 'PR', numThresholds: 7 } }) as metrics.AUC).numThresholds).toBe(7);
    expect(() => getMetric('iou')).toThrow(/getMetric: unknown metric 'iou' \(known: accuracy, .*auc/);
    expect(() => getMetric(5 as never)).toThrow(/getMetric: expected a name, a Metric or a function. Received: /);
  });

  it('refuses statistics that change size between batches', () => {
    const m = metrics.mean();
    m.mergeStatistics([[1], [1]]);
    expect(() => m.mergeStatistics([[1, 2], [1]])).toThrow('mean: statistic 0 changed size between batches (1 vs 2)');
  });
});
