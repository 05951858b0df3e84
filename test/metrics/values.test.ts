/**
 * Metric values against Keras's documented examples and hand computations with Keras's formulas
 * (AUC: Riemann sums and the PR interpolation; F-scores with Keras's epsilons).
 */
import { describe, expect, it } from 'vitest';
import '../../src/backends/reference/index.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import * as metrics from '../../src/metrics/index.js';
import type { Metric } from '../../src/metrics/index.js';

type Batch = [yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor];

async function valueOf(m: Metric, ...batches: Batch[]): Promise<number> {
  m.resetState();
  for (const b of batches) await m.updateState(...b);
  return m.result();
}

const t = (x: number[] | number[][], dtype?: 'int32'): Tensor => tensor(x, undefined, dtype);

describe('accuracy (Keras docs)', () => {
  it('binaryAccuracy', async () => {
    const y = t([[1], [1], [0], [0]]), p = t([[0.98], [1], [0], [0.6]]);
    expect(await valueOf(metrics.binaryAccuracy(), [y, p])).toBeCloseTo(0.75, 6);
    expect(await valueOf(metrics.binaryAccuracy(), [y, p, t([1, 0, 0, 1])])).toBeCloseTo(0.5, 6);
    // [batch] targets for [batch, 1] predictions, and another threshold.
    expect(await valueOf(metrics.binaryAccuracy({ threshold: 0.99 }), [t([1, 1, 0, 0]), p])).toBeCloseTo(0.75, 6);
  });

  it('categoricalAccuracy, sparseCategoricalAccuracy', async () => {
    const p = t([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]);
    expect(await valueOf(metrics.categoricalAccuracy(), [t([[0, 0, 1], [0, 1, 0]]), p])).toBeCloseTo(0.5, 6);
    expect(await valueOf(metrics.categoricalAccuracy(), [t([[0, 0, 1], [0, 1, 0]]), p, t([0.7, 0.3])])).toBeCloseTo(0.3, 6);
    const q = t([[0.1, 0.6, 0.3], [0.05, 0.95, 0]]);
    expect(await valueOf(metrics.sparseCategoricalAccuracy(), [t([[2], [1]]), q])).toBeCloseTo(0.5, 6);
    expect(await valueOf(metrics.sparseCategoricalAccuracy(), [t([2, 1], 'int32'), q, t([0.7, 0.3])])).toBeCloseTo(0.3, 6);
  });

  it('top-k accuracies (ties count as in the top k, as in_top_k)', async () => {
    const p = t([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]);
    expect(await valueOf(metrics.topKCategoricalAccuracy({ k: 1 }), [t([[0, 0, 1], [0, 1, 0]]), p, t([0.7, 0.3])])).toBeCloseTo(0.3, 6);
    expect(await valueOf(metrics.topKCategoricalAccuracy({ k: 2 }), [t([[0, 0, 1], [0, 1, 0]]), p])).toBeCloseTo(1, 6);
    expect(await valueOf(metrics.sparseTopKCategoricalAccuracy({ k: 1 }), [t([2, 1]), p])).toBeCloseTo(0.5, 6);
    expect(await valueOf(metrics.sparseTopKCategoricalAccuracy({ k: 1 }), [t([2, 1]), p, t([0.7, 0.3])])).toBeCloseTo(0.3, 6);
    // Class 2 ties with class 1 for the top score: in the top 1.
    expect(await valueOf(metrics.sparseTopKCategoricalAccuracy({ k: 1 }), [t([2]), t([[0.1, 0.45, 0.45]])])).toBe(1);
    expect(metrics.sparseTopKCategoricalAccuracy().k).toBe(5);
  });
});

describe('precision and recall (Keras docs and hand values)', () => {
  const y = t([0, 1, 1, 1]), p = t([1, 0, 1, 1]);
  it('default threshold 0.5, sample weights', async () => {
    expect(await valueOf(metrics.precision(), [y, p])).toBeCloseTo(2 / 3, 6);
    expect(await valueOf(metrics.precision(), [y, p, t([0, 0, 1, 0])])).toBeCloseTo(1, 6);
    expect(await valueOf(metrics.recall(), [y, p])).toBeCloseTo(2 / 3, 6);
    expect(await valueOf(metrics.recall(), [y, p, t([0, 0, 1, 0])])).toBeCloseTo(1, 6);
    expect(await valueOf(metrics.precision(), [t([0, 0]), t([0.1, 0.2])])).toBe(0);
  });

  it('topK keeps the k largest scores (ties to the lower index, as top_k)', async () => {
    expect(await valueOf(metrics.precision({ topK: 2 }), [t([0, 0, 1, 1]), t([1, 1, 1, 1])])).toBe(0);
    expect(await valueOf(metrics.precision({ topK: 4 }), [t([0, 0, 1, 1]), t([1, 1, 1, 1])])).toBeCloseTo(0.5, 6);
    // Rows: top-1 of [0.2, 0.5, 0.3] is class 1 (true), of [0.6, 0.1, 0.3] class 0 (false).
    const yy = t([[0, 1, 1], [0, 0, 1]]), pp = t([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]);
    expect(await valueOf(metrics.precision({ topK: 1 }), [yy, pp])).toBeCloseTo(0.5, 6);
    expect(await valueOf(metrics.recall({ topK: 1 }), [yy, pp])).toBeCloseTo(1 / 3, 6);
    // topK with a threshold: only top-2 scores above 0.4 are positive → [.., 0.5, ..] and [0.6, ..].
    expect(await valueOf(metrics.precision({ topK: 2, thresholds: 0.4 }), [yy, pp])).toBeCloseTo(0.5, 6);
  });

  it('classId restricts to one class column; thresholds move the decision', async () => {
    const yy = t([[1, 0], [1, 1], [0, 1], [0, 1]]), pp = t([[0.7, 0.2], [0.4, 0.8], [0.6, 0.3], [0.2, 0.9]]);
    expect(await valueOf(metrics.recall({ classId: 1 }), [yy, pp])).toBeCloseTo(2 / 3, 6);
    expect(await valueOf(metrics.precision({ classId: 0 }), [yy, pp])).toBeCloseTo(1 / 2, 6);
    expect(await valueOf(metrics.precision({ classId: 0, thresholds: 0.65 }), [yy, pp])).toBe(1);
    expect(await valueOf(metrics.recall({ thresholds: [0.35] }), [yy, pp])).toBeCloseTo(4 / 5, 6);
    // Targets count as positive when nonzero (Keras casts them to bool).
    expect(await valueOf(metrics.recall(), [t([0.3, 0]), t([0.9, 0.9])])).toBe(1);
  });

  it('rejects bad options', () => {
    expect(() => metrics.precision({ thresholds: 1.5 })).toThrow('precision: thresholds must be in [0, 1]. Received: thresholds=1.5');
    expect(() => metrics.precision({ thresholds: [0.3, 0.6] })).toThrow(/one threshold per metric.*Received: thresholds=\[0.3, 0.6\]/);
    expect(() => metrics.recall({ topK: 0 })).toThrow('recall: topK must be an integer ≥ 1. Received: topK=0');
  });
});

describe('F-scores (Keras docs, Keras formula with ε = 1e-7)', () => {
  const y = t([[1, 1, 1], [1, 0, 0], [1, 1, 0]]);
  const p = t([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]]);
  const eps = 1e-7;
  const f = (tp: number, fp: number, fn: number, b2 = 1): number => {
    const pr = tp / (tp + fp + eps), rc = tp / (tp + fn + eps);
    return ((1 + b2) * pr * rc) / (b2 * pr + rc + eps);
  };

  it('per class (average null), macro, micro, weighted', async () => {
    const m = metrics.f1Score({ threshold: 0.5 });
    await valueOf(m, [y, p]);
    const perClass = m.resultPerClass();
    [0.5, 0.8, 0.6666667].forEach((v, i) => expect(perClass[i]).toBeCloseTo(v, 6));
    expect(m.result()).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 6);
    expect(await valueOf(metrics.f1Score({ threshold: 0.5, average: 'macro' }), [y, p])).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 6);
    // Counts: class 0 tp 1 fp 0 fn 2; class 1 tp 2 fp 1 fn 0; class 2 tp 1 fp 1 fn 0.
    expect(await valueOf(metrics.f1Score({ threshold: 0.5, average: 'micro' }), [y, p])).toBeCloseTo(f(4, 2, 2), 7);
    const weighted = (f(1, 0, 2) * 3 + f(2, 1, 0) * 2 + f(1, 1, 0) * 1) / (6 + eps);
    expect(await valueOf(metrics.f1Score({ threshold: 0.5, average: 'weighted' }), [y, p])).toBeCloseTo(weighted, 7);
  });

  it('F-beta with beta 2', async () => {
    const m = metrics.fbetaScore({ beta: 2, threshold: 0.5 });
    await valueOf(m, [y, p]);
    [0.3846154, 0.90909094, 0.8333334].forEach((v, i) => expect(m.resultPerClass()[i]).toBeCloseTo(v, 6));
  });

  it('without a threshold the row maximum is the prediction; sample weights weigh the counts', async () => {
    // argmax rows: class 2, classes 1 and 2 tie (both count), class 1.
    const m = metrics.f1Score({ average: 'micro' });
    // tp: row0 class 2 ✓; row1 class 1 ✗ (fp), class 2 ✗ (fp); row2 class 1 ✓ → tp 2, fp 2, fn 6 − 2 = 4.
    expect(await valueOf(m, [y, p])).toBeCloseTo(f(2, 2, 4), 7);
    // Weights [1, 0, 2]: tp 1 + 2 = 3, fp 0, fn (3 - 1) + 2·(2 - 1) = 4.
    expect(await valueOf(m, [y, p, t([1, 0, 2])])).toBeCloseTo(f(3, 0, 4), 7);
  });

  it('rejects bad options', () => {
    expect(() => metrics.f1Score({ average: 'samples' as never })).toThrow("f1_score: average must be null, 'micro', 'macro' or 'weighted'. Received: average=samples");
    expect(() => metrics.fbetaScore({ beta: 0 })).toThrow('fbeta_score: beta must be > 0. Received: beta=0');
    expect(() => metrics.f1Score({ threshold: 0 })).toThrow('f1_score: threshold must be in (0, 1]. Received: threshold=0');
  });
});

describe('AUC (Keras docs and hand Riemann sums)', () => {
  // Keras's example: thresholds [−ε, 0.5, 1+ε]; tp [2, 1, 0], fp [2, 0, 0], fn [0, 1, 2], tn [0, 2, 2].
  const y = t([0, 0, 1, 1]), p = t([0, 0.5, 0.3, 0.9]);

  it('ROC with interpolation (Keras example: 0.75), minoring, majoring', async () => {
    expect(await valueOf(metrics.auc({ numThresholds: 3 }), [y, p])).toBeCloseTo(0.75, 6);
    // tpr [1, 0.5, 0], fpr [1, 0, 0]: heights min [0.5, 0] → 0.5; max [1, 0.5] → 1.
    expect(await valueOf(metrics.auc({ numThresholds: 3, summationMethod: 'minoring' }), [y, p])).toBeCloseTo(0.5, 6);
    expect(await valueOf(metrics.auc({ numThresholds: 3, summationMethod: 'majoring' }), [y, p])).toBeCloseTo(1, 6);
  });

  it('PR with Davis & Goadrich interpolation, and minoring', async () => {
    // Step 0→1: dTP 1, P 4→1, slope 1/3, intercept 1 − 1/3, area slope·(1 + intercept·ln 4)/(tp+fn at 1 = 2).
    // Step 1→2: dTP 1, P 1→0, slope 1, intercept 0, ratio 1 (P = 0), area 1/2.
    const expected = ((1 / 3) * (1 + (2 / 3) * Math.log(4))) / 2 + 0.5;
    expect(await valueOf(metrics.auc({ numThresholds: 3, curve: 'PR' }), [y, p])).toBeCloseTo(expected, 6);
    // recall [1, 0.5, 0], precision [0.5, 1, 0]: min heights [0.5, 0] → 0.25.
    expect(await valueOf(metrics.auc({ numThresholds: 3, curve: 'PR', summationMethod: 'minoring' }), [y, p])).toBeCloseTo(0.25, 6);
  });

  it('a perfect ranking has area 1 and a reversed one 0 (200 thresholds, sample weights)', async () => {
    const yy = t([0, 0, 1, 1, 0]), good = t([0.1, 0.2, 0.8, 0.9, 0.3]);
    expect(await valueOf(metrics.auc(), [yy, good])).toBeCloseTo(1, 6);
    expect(await valueOf(metrics.auc(), [yy, t([0.9, 0.8, 0.1, 0.2, 0.7])])).toBeCloseTo(0, 6);
    // Weight 0 on the only misranked negative makes it perfect.
    expect(await valueOf(metrics.auc(), [yy, t([0.1, 0.95, 0.8, 0.9, 0.3]), t([1, 0, 1, 1, 1])])).toBeCloseTo(1, 6);
  });

  it('fromLogits applies a sigmoid; scores outside [0, 1] are clipped', async () => {
    const logits = [-2, 0, -0.5, 3];
    expect(await valueOf(metrics.auc({ numThresholds: 3, fromLogits: true }), [y, t(logits)])).toBeCloseTo(0.75, 6);
    // Clipped to [0, 0.5, 0.3, 1]: the same counts as Keras's example, 1 counted below 1 + ε.
    expect(await valueOf(metrics.auc({ numThresholds: 3 }), [y, t([-3, 0.5, 0.3, 7])])).toBeCloseTo(0.75, 6);
  });

  it('multiLabel averages the per-label areas', async () => {
    // Label 0: Keras's example (0.75). Label 1: tpr [1, 1, 0], fpr [1, 1/3, 0] → 2/3 + 1/6.
    const yy = t([[0, 0], [0, 0], [1, 0], [1, 1]]), pp = t([[0, 0.1], [0.5, 0.2], [0.3, 0.9], [0.9, 0.8]]);
    const m = metrics.auc({ numThresholds: 3, multiLabel: true });
    expect(await valueOf(m, [yy, pp])).toBeCloseTo((0.75 + 5 / 6) / 2, 6);
    expect(m.totals()!.map((x) => x.length)).toEqual([6, 6, 6, 6]);
    // Pooled, the 8 values make one curve: tpr [1, 2/3, 0], fpr [1, 0.2, 0].
    expect(await valueOf(metrics.auc({ numThresholds: 3 }), [yy, pp])).toBeCloseTo(0.8 * (5 / 3) / 2 + 0.2 * (2 / 3) / 2, 6);
  });

  it('rejects bad options', () => {
    expect(() => metrics.auc({ numThresholds: 1 })).toThrow('auc: numThresholds must be an integer > 1. Received: numThresholds=1');
    expect(() => metrics.auc({ curve: 'XY' as never })).toThrow("auc: curve must be 'ROC' or 'PR'. Received: curve=XY");
    expect(() => metrics.auc({ summationMethod: 'trapezoid' as never })).toThrow(/summationMethod must be 'interpolation', 'minoring' or 'majoring'/);
  });
});

describe('regression and mean metrics (Keras docs)', () => {
  const y = t([[0, 1], [0, 0]]), p = t([[1, 1], [0, 0]]);
  it('mse, mae, rmse with and without sample weights', async () => {
    expect(await valueOf(metrics.meanSquaredError(), [y, p])).toBeCloseTo(0.25, 6);
    expect(await valueOf(metrics.meanAbsoluteError(), [y, p])).toBeCloseTo(0.25, 6);
    expect(await valueOf(metrics.meanAbsoluteError(), [y, p, t([1, 0])])).toBeCloseTo(0.5, 6);
    expect(await valueOf(metrics.rootMeanSquaredError(), [y, p])).toBeCloseTo(0.5, 6);
    expect(await valueOf(metrics.rootMeanSquaredError(), [y, p, t([1, 0])])).toBeCloseTo(0.70710677, 6);
    // [batch] targets, [batch, 1] predictions.
    expect(await valueOf(metrics.meanSquaredError(), [t([1, 2]), t([[2], [2]])])).toBeCloseTo(0.5, 6);
  });

  it('mean of values (yPred), weighted; 0 before any batch', async () => {
    const m = metrics.mean();
    expect(m.result()).toBe(0);
    expect(await valueOf(m, [t([0]), t([1, 3, 5, 7])])).toBeCloseTo(4, 6);
    expect(await valueOf(m, [t([0]), t([1, 3, 5, 7]), t([1, 1, 0, 0])])).toBeCloseTo(2, 6);
  });
});
