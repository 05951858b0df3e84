/**
 * Every loss class against Keras's formulas computed with PyTorch (test/fixtures/losses/
 * gen_losses.py): per-sample values, the 'sumOverBatchSize' value with sample weights (a zero
 * weight included), 'sum', and the gradient with respect to yPred; config round trips.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grad } from '../../src/autograd/grad.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import type { DType } from '../../src/core/dtype.js';
import { deserialize, serialize, type Config } from '../../src/io/serialization.js';
import * as losses from '../../src/losses/index.js';
import { getLoss, type Loss } from '../../src/losses/index.js';
import { expectClose } from '../helpers/test-op.js';

interface LossCase {
  name: string;
  className: string;
  config: Config;
  yTrue: number[];
  yTrueShape: number[];
  yTrueDtype: DType;
  yPred: number[];
  yPredShape: number[];
  sampleWeight: number[];
  perSample: number[];
  perSampleShape: number[];
  weighted: number;
  grad: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/losses/losses.json', import.meta.url), 'utf8')) as { cases: LossCase[] };

const make = (c: LossCase, extra: Config = {}): Loss => getLoss({ className: c.className, config: { ...c.config, ...extra } });
const inputs = (c: LossCase): [Tensor, Tensor, Tensor] => [
  tensor(c.yTrue, c.yTrueShape, c.yTrueDtype),
  tensor(c.yPred, c.yPredShape),
  tensor(c.sampleWeight),
];

describe('losses vs PyTorch (Keras formulas)', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: per-sample values, weighted mean, sum, gradient`, () => {
      const [yTrue, yPred, w] = inputs(c);
      const none = make(c, { reduction: 'none' }).call(yTrue, yPred);
      expect([...none.shape]).toEqual(c.perSampleShape);
      expectClose(none.dataSync() as Float32Array, c.perSample, 1e-6, 1e-5, `${c.name}: per sample`);

      const loss = make(c);
      expect(loss.reduction).toBe('sumOverBatchSize');
      expectClose(loss.call(yTrue, yPred, w).dataSync() as Float32Array, [c.weighted], 1e-6, 1e-5, `${c.name}: weighted`);
      const total = c.perSample.reduce((s, v) => s + v, 0);
      expectClose(make(c, { reduction: 'sum' }).call(yTrue, yPred).dataSync() as Float32Array, [total], 1e-5, 1e-5, `${c.name}: sum`);

      const g = grad((p: Tensor) => loss.call(yTrue, p, w))(yPred) as Tensor;
      expectClose(g.dataSync() as Float32Array, c.grad, 1e-6, 1e-4, `${c.name}: gradient`);
    });
  }
});

describe('loss configs', () => {
  const all: Loss[] = [
    losses.sparseCategoricalCrossentropy({ fromLogits: true, reduction: 'sum', name: 'scce' }),
    losses.categoricalCrossentropy({ labelSmoothing: 0.1, axis: 1 }),
    losses.binaryCrossentropy({ fromLogits: true, labelSmoothing: 0.2 }),
    losses.meanSquaredError({ reduction: 'none' }),
    losses.meanAbsoluteError(),
    losses.huber({ delta: 2 }),
    losses.klDivergence(),
    losses.cosineSimilarity({ axis: 1 }),
    losses.ctc({ blankIndex: 3, fromLogits: false }),
  ];
  for (const loss of all) {
    it(`${loss.className} round-trips through JSON`, () => {
      const json = JSON.parse(JSON.stringify(serialize(loss))) as unknown;
      const back = deserialize<Loss>('loss', json);
      expect(back).toBeInstanceOf(loss.constructor);
      expect(back.getConfig()).toEqual(loss.getConfig());
      expect(back.name).toBe(loss.name);
    });
  }

  it('Keras names and defaults', () => {
    expect(all.map((l) => l.getConfig())).toEqual([
      { name: 'scce', reduction: 'sum', fromLogits: true, axis: -1 },
      { name: 'categorical_crossentropy', reduction: 'sumOverBatchSize', fromLogits: false, labelSmoothing: 0.1, axis: 1 },
      { name: 'binary_crossentropy', reduction: 'sumOverBatchSize', fromLogits: true, labelSmoothing: 0.2 },
      { name: 'mean_squared_error', reduction: 'none' },
      { name: 'mean_absolute_error', reduction: 'sumOverBatchSize' },
      { name: 'huber_loss', reduction: 'sumOverBatchSize', delta: 2 },
      { name: 'kl_divergence', reduction: 'sumOverBatchSize' },
      { name: 'cosine_similarity', reduction: 'sumOverBatchSize', axis: 1 },
      { name: 'ctc', reduction: 'sumOverBatchSize', blankIndex: 3, fromLogits: false },
    ]);
  });

  it('rejects bad options, naming what it received', () => {
    expect(() => losses.huber({ delta: 0 })).toThrow('huber: delta must be > 0. Received: delta=0');
    expect(() => losses.categoricalCrossentropy({ labelSmoothing: 1.5 })).toThrow('labelSmoothing must be in [0, 1]. Received: labelSmoothing=1.5');
    expect(() => losses.meanSquaredError({ reduction: 'avg' as never })).toThrow("reduction must be 'sumOverBatchSize', 'sum' or 'none'. Received: reduction=avg");
    expect(() => losses.ctc({ blankIndex: -1 })).toThrow('ctc: blankIndex must be an integer ≥ 0. Received: blankIndex=-1');
  });
});
