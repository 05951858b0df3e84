/**
 * Area under the ROC or precision-recall curve (Keras AUC): weighted confusion counts at
 * `numThresholds` thresholds spread evenly over [0, 1] (the ends moved out by ε so that scores of
 * exactly 0 and 1 fall inside), summed over batches, then a Riemann sum on the host.
 */
import { TesseraError } from '../core/errors.js';
import { tensor, type Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { squeezeOrExpandToSameRank } from '../losses/loss.js';
import { clip } from '../ops/elementwise/clip.js';
import { ceil } from '../ops/elementwise/ceil.js';
import { lessEqual } from '../ops/elementwise/less-equal.js';
import { maximum } from '../ops/elementwise/maximum.js';
import { mul } from '../ops/elementwise/mul.js';
import { sigmoid } from '../ops/elementwise/sigmoid.js';
import { sub } from '../ops/elementwise/sub.js';
import { sum } from '../ops/reduce/sum.js';
import { reshape } from '../ops/shape/reshape.js';
import { f32, isPositive } from './confusion.js';
import { Metric, registerMetric, weightsFor } from './metric.js';

export type AUCCurve = 'ROC' | 'PR';
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

export interface AUCOptions {
  name?: string;
  numThresholds?: number;
  curve?: AUCCurve;
  /**
   * 'interpolation': trapezoids for ROC, Davis & Goadrich's interpolation for PR; 'minoring' /
   * 'majoring': the lower / upper of the two heights of each step.
   */
  summationMethod?: AUCSummationMethod;
  /** yPred [batch, labels]: one curve per label, their areas averaged (else all values are pooled). */
  multiLabel?: boolean;
  /** yPred holds logits (a sigmoid is applied). */
  fromLogits?: boolean;
}

/** Keras's backend.epsilon(). */
const EPSILON = 1e-7;

/** a / b, 0 where b is 0 (Keras divide_no_nan). */
const divideNoNan = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export class AUC extends Metric {
  readonly className = 'AUC';
  readonly numThresholds: number;
  readonly curve: AUCCurve;
  readonly summationMethod: AUCSummationMethod;
  readonly multiLabel: boolean;
  readonly fromLogits: boolean;
  /** The thresholds, from −ε to 1 + ε. */
  readonly thresholds: readonly number[];

  constructor({ name = 'auc', numThresholds = 200, curve = 'ROC', summationMethod = 'interpolation', multiLabel = false, fromLogits = false }: AUCOptions = {}) {
    super(name);
    if (!Number.isInteger(numThresholds) || numThresholds < 2) throw new TesseraError(`${name}: numThresholds must be an integer > 1. Received: numThresholds=${numThresholds}`);
    const c = String(curve).toUpperCase();
    if (c !== 'ROC' && c !== 'PR') throw new TesseraError(`${name}: curve must be 'ROC' or 'PR'. Received: curve=${String(curve)}`);
    if (!['interpolation', 'minoring', 'majoring'].includes(summationMethod)) {
      throw new TesseraError(`${name}: summationMethod must be 'interpolation', 'minoring' or 'majoring'. Received: summationMethod=${String(summationMethod)}`);
    }
    this.numThresholds = numThresholds;
    this.curve = c;
    this.summationMethod = summationMethod;
    this.multiLabel = multiLabel;
    this.fromLogits = fromLogits;
    this.thresholds = [-EPSILON, ...Array.from({ length: numThresholds - 2 }, (_, i) => (i + 1) / (numThresholds - 1)), 1 + EPSILON];
  }

  /** [tp, fp, tn, fn] at every threshold: [thresholds] pooled, or [thresholds × labels] with multiLabel. */
  batchStatistics(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor[] {
    let [p, t] = squeezeOrExpandToSameRank(f32(yPred), f32(yTrue));
    if (this.fromLogits) p = sigmoid(p);
    // Keras clips scores into [0, 1] so that every score lies within the thresholds' range.
    p = clip(p, 0, 1);
    let w = weightsFor(p, sampleWeight);
    const T = this.numThresholds;
    let labels = 1;
    if (this.multiLabel) {
      if (p.rank !== 2) throw new TesseraError(`${this.name}: multiLabel needs yPred of shape [batch, labels]. Received: yPred of shape [${p.shape.join(',')}]`);
      labels = p.shape[1]!;
    } else {
      [p, t, w] = [reshape(p, [-1, 1]), reshape(t, [-1, 1]), reshape(w, [-1, 1])];
    }
    const n = p.shape[0]!;
    // Positive at threshold i when p > thresholds[i]; computed as Keras's evenly-spaced path does
    // (i < ceil(p·(T−1)), and always at −ε), so scores on a threshold count as Keras counts them.
    const lastPositive = maximum(sub(ceil(mul(reshape(p, [n, 1, labels]), T - 1)), 1), 0);
    const index = tensor(Array.from({ length: T }, (_, i) => i), [1, T, 1]);
    const predPos = f32(lessEqual(index, lastPositive)); // [n, T, labels]
    const pos = mul(isPositive(t), w);
    const neg = mul(sub(1, isPositive(t)), w);
    const tp = sum(mul(predPos, reshape(pos, [n, 1, labels])), 0);
    const fp = sum(mul(predPos, reshape(neg, [n, 1, labels])), 0);
    const flat = (x: Tensor): Tensor => reshape(x, [-1]);
    return [flat(tp), flat(fp), flat(sub(sum(neg, 0, true), fp)), flat(sub(sum(pos, 0, true), tp))];
  }

  resultFrom([tp, fp, tn, fn]: readonly Float64Array[]): number {
    const labels = tp!.length / this.numThresholds;
    let total = 0;
    for (let l = 0; l < labels; l++) {
      const at = (x: Float64Array): number[] => Array.from({ length: this.numThresholds }, (_, i) => x[i * labels + l]!);
      total += this.area(at(tp!), at(fp!), at(tn!), at(fn!));
    }
    return total / labels;
  }

  private area(tp: number[], fp: number[], tn: number[], fn: number[]): number {
    const T = this.numThresholds;
    let area = 0;
    if (this.curve === 'PR' && this.summationMethod === 'interpolation') {
      // Keras interpolate_pr_auc (Davis & Goadrich): TP and predicted positives P vary linearly
      // between thresholds, precision = TP / P is integrated in closed form.
      for (let i = 0; i < T - 1; i++) {
        const dtp = tp[i]! - tp[i + 1]!;
        const p0 = tp[i]! + fp[i]!, p1 = tp[i + 1]! + fp[i + 1]!;
        const slope = divideNoNan(dtp, Math.max(p0 - p1, 0));
        const intercept = tp[i + 1]! - slope * p1;
        const ratio = p0 > 0 && p1 > 0 ? divideNoNan(p0, Math.max(p1, 0)) : 1;
        area += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(tp[i + 1]! + fn[i + 1]!, 0));
      }
      return area;
    }
    const recall = tp.map((v, i) => divideNoNan(v, v + fn[i]!));
    const [x, y] = this.curve === 'ROC'
      ? [fp.map((v, i) => divideNoNan(v, v + tn[i]!)), recall]
      : [recall, tp.map((v, i) => divideNoNan(v, v + fp[i]!))];
    for (let i = 0; i < T - 1; i++) {
      const a = y[i]!, b = y[i + 1]!;
      const height = this.summationMethod === 'interpolation' ? (a + b) / 2 : this.summationMethod === 'minoring' ? Math.min(a, b) : Math.max(a, b);
      area += (x[i]! - x[i + 1]!) * height;
    }
    return area;
  }

  override getConfig(): Config {
    return { name: this.name, numThresholds: this.numThresholds, curve: this.curve, summationMethod: this.summationMethod, multiLabel: this.multiLabel, fromLogits: this.fromLogits };
  }
}

registerMetric('AUC', ['auc'], (c) => new AUC(c as AUCOptions));
