/**
 * F-beta and F1 scores (Keras FBetaScore / F1Score): per-class weighted counts of one-hot (or
 * multi-label) targets against predictions above `threshold`, or, without a threshold, the
 * row's largest score; the host computes Keras's formula, epsilons included.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { abs } from '../ops/elementwise/abs.js';
import { greater } from '../ops/elementwise/greater.js';
import { greaterEqual } from '../ops/elementwise/greater-equal.js';
import { logicalAnd } from '../ops/elementwise/logical-and.js';
import { mul } from '../ops/elementwise/mul.js';
import { sub } from '../ops/elementwise/sub.js';
import { max } from '../ops/reduce/max.js';
import { sum } from '../ops/reduce/sum.js';
import { f32 } from './confusion.js';
import { Metric, registerMetric, weightsFor } from './metric.js';

/** Keras's backend.epsilon(), part of its F-score formula. */
const EPSILON = 1e-7;

export type F1Average = 'micro' | 'macro' | 'weighted' | null;

export interface FBetaOptions {
  name?: string;
  /**
   * 'micro': one score from the counts summed over classes; 'macro': the mean of the per-class
   * scores; 'weighted': their mean weighted by each class's (weighted) number of positive targets;
   * null (Keras's default): per class — `resultPerClass()` gives them, and `result()`, which a
   * log needs as one number, gives their mean.
   */
  average?: F1Average;
  beta?: number;
  /** Predictions above it are positive; null: the row's largest score (if nonzero) is. */
  threshold?: number | null;
}

export class FBetaScore extends Metric {
  readonly className: string = 'FBetaScore';
  readonly average: F1Average;
  readonly beta: number;
  readonly threshold: number | null;
  constructor({ name = 'fbeta_score', average = null, beta = 1, threshold = null }: FBetaOptions = {}) {
    super(name);
    if (![null, 'micro', 'macro', 'weighted'].includes(average)) throw new TesseraError(`${name}: average must be null, 'micro', 'macro' or 'weighted'. Received: average=${String(average)}`);
    if (!(beta > 0)) throw new TesseraError(`${name}: beta must be > 0. Received: beta=${beta}`);
    if (threshold !== null && !(threshold > 0 && threshold <= 1)) throw new TesseraError(`${name}: threshold must be in (0, 1]. Received: threshold=${threshold}`);
    this.average = average;
    this.beta = beta;
    this.threshold = threshold;
  }

  /** Per class: [tp, fp, fn, Σ weight·target] (the last weighs the classes for 'weighted'). */
  batchStatistics(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor[] {
    const t = f32(yTrue), p = f32(yPred);
    if (p.rank !== 2 || t.rank !== 2) throw new TesseraError(`${this.name}: expects yTrue and yPred of shape [batch, classes]. Received: yTrue [${t.shape.join(',')}], yPred [${p.shape.join(',')}]`);
    const pred = this.threshold === null
      ? f32(logicalAnd(greaterEqual(p, max(p, -1, true)), greater(abs(p), 1e-9)))
      : f32(greater(p, this.threshold));
    const w = weightsFor(p, sampleWeight);
    const perClass = (x: Tensor): Tensor => sum(mul(x, w), 0);
    return [perClass(mul(pred, t)), perClass(mul(pred, sub(1, t))), perClass(mul(sub(1, pred), t)), perClass(t)];
  }

  /** Keras's result with average null: one score per class. */
  resultPerClass(): number[] {
    const totals = this.totals();
    return totals ? this.scores(totals[0]!, totals[1]!, totals[2]!) : [];
  }

  private scores(tp: ArrayLike<number>, fp: ArrayLike<number>, fn: ArrayLike<number>): number[] {
    const b2 = this.beta ** 2;
    return Array.from(tp, (a, i) => {
      const precision = a / (a + fp[i]! + EPSILON);
      const recall = a / (a + fn[i]! + EPSILON);
      return ((1 + b2) * precision * recall) / (b2 * precision + recall + EPSILON);
    });
  }

  resultFrom([tp, fp, fn, support]: readonly Float64Array[]): number {
    const total = (x: Float64Array): number => x.reduce((s, v) => s + v, 0);
    if (this.average === 'micro') return this.scores([total(tp!)], [total(fp!)], [total(fn!)])[0]!;
    const scores = this.scores(tp!, fp!, fn!);
    if (this.average === 'weighted') {
      const norm = total(support!) + EPSILON;
      return scores.reduce((s, v, i) => s + (v * support![i]!) / norm, 0);
    }
    return scores.reduce((s, v) => s + v, 0) / scores.length;
  }

  override getConfig(): Config {
    return { name: this.name, average: this.average, beta: this.beta, threshold: this.threshold };
  }
}

export class F1Score extends FBetaScore {
  override readonly className = 'F1Score';
  constructor({ name = 'f1_score', average = null, threshold = null }: Omit<FBetaOptions, 'beta'> = {}) {
    super({ name, average, beta: 1, threshold });
  }
  override getConfig(): Config {
    return { name: this.name, average: this.average, threshold: this.threshold };
  }
}

registerMetric('FBetaScore', ['fbeta_score'], (c) => new FBetaScore(c as FBetaOptions));
registerMetric('F1Score', ['f1_score', 'f1'], (c) => new F1Score(c as FBetaOptions));
