/**
 * Metrics from confusion counts: precision, recall, F1 and AUC. The graph part counts true/false
 * positives/negatives (weighted) at thresholds; the host part turns the summed counts into the
 * value, as Keras's formulas do (AUC: Riemann sum with 'interpolation' over `numThresholds`).
 */
import { TesseraError } from '../core/errors.js';
import { tensor, type Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { cast } from '../ops/elementwise/cast.js';
import { greater } from '../ops/elementwise/greater.js';
import { mul } from '../ops/elementwise/mul.js';
import { sub } from '../ops/elementwise/sub.js';
import { max } from '../ops/reduce/max.js';
import { sum } from '../ops/reduce/sum.js';
import { equal } from '../ops/elementwise/equal.js';
import { greaterEqual } from '../ops/elementwise/greater-equal.js';
import { reshape } from '../ops/shape/reshape.js';
import { slice } from '../ops/shape/slice.js';
import { Metric, registerMetric, weightsFor } from './metric.js';

const f32 = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));

/** Σ w·a·b over all elements. */
const wsum = (w: Tensor, ...xs: Tensor[]): Tensor => sum(xs.reduce((acc, x) => mul(acc, x), w));

interface ThresholdOptions {
  name?: string;
  thresholds?: number;
  classId?: number | null;
}

/** yTrue and yPred (one class column when classId is given), and the weights, flattened. */
function flat(yTrue: Tensor, yPred: Tensor, classId: number | null, sampleWeight?: Tensor): [Tensor, Tensor, Tensor] {
  let t = f32(yTrue), p = f32(yPred);
  let w = weightsFor(p, sampleWeight);
  if (classId !== null) {
    const col = (x: Tensor): Tensor => slice(x, [...x.shape.slice(0, -1).map(() => 0), classId], [...x.shape.slice(0, -1).map(() => -1), 1]);
    t = col(t); p = col(p); w = col(w);
  }
  return [reshape(t, [-1]), reshape(p, [-1]), reshape(w, [-1])];
}

abstract class ThresholdMetric extends Metric {
  readonly threshold: number;
  readonly classId: number | null;
  constructor(defaultName: string, opts: ThresholdOptions) {
    super(opts.name ?? defaultName);
    this.threshold = opts.thresholds ?? 0.5;
    this.classId = opts.classId ?? null;
    if (!(this.threshold >= 0 && this.threshold <= 1)) throw new TesseraError(`${defaultName}: thresholds must be in [0, 1]. Received: thresholds=${this.threshold}`);
  }
  /** [tp, fp, fn] weighted counts. */
  batchStatistics(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor[] {
    const [t, p, w] = flat(yTrue, yPred, this.classId, sampleWeight);
    const predPos = f32(greater(p, this.threshold));
    const isPos = f32(greater(t, 0.5));
    return [wsum(w, predPos, isPos), wsum(w, predPos, sub(1, isPos)), wsum(w, sub(1, predPos), isPos)];
  }
  override getConfig(): Config {
    return { name: this.name, thresholds: this.threshold, classId: this.classId };
  }
}

export class Precision extends ThresholdMetric {
  readonly className = 'Precision';
  constructor(opts: ThresholdOptions = {}) {
    super('precision', opts);
  }
  resultFrom([tp, fp]: readonly Float64Array[]): number {
    const d = tp![0]! + fp![0]!;
    return d ? tp![0]! / d : 0;
  }
}

export class Recall extends ThresholdMetric {
  readonly className = 'Recall';
  constructor(opts: ThresholdOptions = {}) {
    super('recall', opts);
  }
  resultFrom([tp, , fn]: readonly Float64Array[]): number {
    const d = tp![0]! + fn![0]!;
    return d ? tp![0]! / d : 0;
  }
}

export type F1Average = 'micro' | 'macro' | 'weighted';

/**
 * F-beta over classes (Keras F1Score/FBetaScore): per-class counts of one-hot targets against
 * predictions thresholded (or, without a threshold, the argmax class), averaged as asked.
 * Keras's default average is none (a vector); a metric here is one number, so 'macro' is the default.
 */
export class FBetaScore extends Metric {
  readonly className: string = 'FBetaScore';
  readonly average: F1Average;
  readonly beta: number;
  readonly threshold: number | null;
  constructor({ name = 'fbeta_score', average = 'macro', beta = 1, threshold = null }: { name?: string; average?: F1Average; beta?: number; threshold?: number | null } = {}) {
    super(name);
    if (!['micro', 'macro', 'weighted'].includes(average)) throw new TesseraError(`${name}: average must be 'micro', 'macro' or 'weighted'. Received: average=${String(average)}`);
    if (!(beta > 0)) throw new TesseraError(`${name}: beta must be > 0. Received: beta=${beta}`);
    this.average = average;
    this.beta = beta;
    this.threshold = threshold;
  }
  batchStatistics(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor[] {
    const t = f32(yTrue), p = f32(yPred);
    const pred = this.threshold === null ? f32(equal(p, max(p, -1, true))) : f32(greater(p, this.threshold));
    const w = sampleWeight ? weightsFor(p, sampleWeight) : tensor(1);
    const axes = Array.from({ length: p.rank - 1 }, (_, i) => i);
    const perClass = (x: Tensor): Tensor => sum(mul(x, w), axes);
    return [perClass(mul(pred, t)), perClass(mul(pred, sub(1, t))), perClass(mul(sub(1, pred), t))];
  }
  resultFrom([tp, fp, fn]: readonly Float64Array[]): number {
    const b2 = this.beta ** 2;
    const score = (a: number, b: number, c: number): number => ((1 + b2) * a) / ((1 + b2) * a + b2 * c + b || 1);
    if (this.average === 'micro') return score(tp!.reduce((s, v) => s + v, 0), fp!.reduce((s, v) => s + v, 0), fn!.reduce((s, v) => s + v, 0));
    const scores = Array.from(tp!, (v, i) => score(v, fp![i]!, fn![i]!));
    if (this.average === 'macro') return scores.reduce((s, v) => s + v, 0) / scores.length;
    const support = Array.from(tp!, (v, i) => v + fn![i]!);
    const total = support.reduce((s, v) => s + v, 0);
    return total ? scores.reduce((s, v, i) => s + v * support[i]!, 0) / total : 0;
  }
  override getConfig(): Config {
    return { name: this.name, average: this.average, beta: this.beta, threshold: this.threshold };
  }
}

export class F1Score extends FBetaScore {
  override readonly className = 'F1Score';
  constructor({ name = 'f1_score', average = 'macro', threshold = null }: { name?: string; average?: F1Average; threshold?: number | null } = {}) {
    super({ name, average, beta: 1, threshold });
  }
  override getConfig(): Config {
    return { name: this.name, average: this.average, threshold: this.threshold };
  }
}

/**
 * Area under the ROC or precision-recall curve (Keras AUC, summationMethod 'interpolation'):
 * confusion counts at `numThresholds` thresholds spread over [0, 1] (plus −ε and 1+ε).
 */
export class AUC extends Metric {
  readonly className = 'AUC';
  readonly numThresholds: number;
  readonly curve: 'ROC' | 'PR';
  private readonly thresholds: number[];
  constructor({ name = 'auc', numThresholds = 200, curve = 'ROC' }: { name?: string; numThresholds?: number; curve?: 'ROC' | 'PR' } = {}) {
    super(name);
    if (!Number.isInteger(numThresholds) || numThresholds < 2) throw new TesseraError(`auc: numThresholds must be an integer ≥ 2. Received: numThresholds=${numThresholds}`);
    if (curve !== 'ROC' && curve !== 'PR') throw new TesseraError(`auc: curve must be 'ROC' or 'PR'. Received: curve=${String(curve)}`);
    this.numThresholds = numThresholds;
    this.curve = curve;
    const eps = 1e-7;
    this.thresholds = [-eps, ...Array.from({ length: numThresholds - 2 }, (_, i) => (i + 1) / (numThresholds - 1)), 1 + eps];
  }
  /** [tp, fp, tn, fn], one count per threshold. */
  batchStatistics(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor[] {
    const [t, p, w] = flat(yTrue, yPred, null, sampleWeight);
    const n = p.shape[0]!;
    const thr = tensor(this.thresholds, [1, this.numThresholds]);
    const predPos = f32(greater(reshape(p, [n, 1]), thr)); // [n, T]
    const pos = reshape(mul(f32(greaterEqual(t, 0.5)), w), [n, 1]);
    const neg = reshape(mul(sub(1, f32(greaterEqual(t, 0.5))), w), [n, 1]);
    const tp = sum(mul(predPos, pos), 0), fp = sum(mul(predPos, neg), 0);
    return [tp, fp, sub(sum(neg), fp), sub(sum(pos), tp)];
  }
  resultFrom([tp, fp, tn, fn]: readonly Float64Array[]): number {
    const T = this.numThresholds;
    let area = 0;
    if (this.curve === 'ROC') {
      const tpr = (i: number): number => (tp![i]! + fn![i]! ? tp![i]! / (tp![i]! + fn![i]!) : 0);
      const fpr = (i: number): number => (fp![i]! + tn![i]! ? fp![i]! / (fp![i]! + tn![i]!) : 0);
      for (let i = 0; i < T - 1; i++) area += (fpr(i) - fpr(i + 1)) * (tpr(i) + tpr(i + 1)) / 2;
      return area;
    }
    // Davis & Goadrich's interpolation of precision between thresholds (Keras interpolate_pr_auc).
    for (let i = 0; i < T - 1; i++) {
      const dtp = tp![i]! - tp![i + 1]!;
      const p0 = tp![i]! + fp![i]!, p1 = tp![i + 1]! + fp![i + 1]!;
      const dp = Math.max(p0 - p1, 0);
      const slope = dp ? dtp / dp : 0;
      const intercept = tp![i + 1]! - slope * p1;
      const ratio = p0 > 0 && p1 > 0 ? p0 / p1 : 1;
      const denom = Math.max(tp![i + 1]! + fn![i + 1]!, 0);
      if (denom) area += (slope * (dtp + intercept * Math.log(ratio))) / denom;
    }
    return area;
  }
  override getConfig(): Config {
    return { name: this.name, numThresholds: this.numThresholds, curve: this.curve };
  }
}

registerMetric('Precision', ['precision'], (c) => new Precision(c as ThresholdOptions));
registerMetric('Recall', ['recall'], (c) => new Recall(c as ThresholdOptions));
registerMetric('FBetaScore', ['fbeta_score'], (c) => new FBetaScore(c as { name?: string }));
registerMetric('F1Score', ['f1_score', 'f1'], (c) => new F1Score(c as { name?: string }));
registerMetric('AUC', ['auc'], (c) => new AUC(c as { name?: string; numThresholds?: number; curve?: 'ROC' | 'PR' }));
