/**
 * Precision and recall from weighted confusion counts (Keras semantics): a target is positive when
 * it is nonzero, a prediction when it is above the threshold (and, with `topK`, among the k
 * largest scores of its row); `classId` restricts both to one class column.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { squeezeOrExpandToSameRank } from '../losses/loss.js';
import { add } from '../ops/elementwise/add.js';
import { cast } from '../ops/elementwise/cast.js';
import { greater } from '../ops/elementwise/greater.js';
import { mul } from '../ops/elementwise/mul.js';
import { notEqual } from '../ops/elementwise/not-equal.js';
import { sub } from '../ops/elementwise/sub.js';
import { where } from '../ops/elementwise/where.js';
import { oneHot } from '../ops/indexing/one-hot.js';
import { argmax } from '../ops/reduce/argmax.js';
import { sum } from '../ops/reduce/sum.js';
import { sliceAxis } from '../ops/shape/slice.js';
import { Metric, registerMetric, weightsFor } from './metric.js';

export const f32 = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));

/** Keras casts targets to bool: any nonzero value is a positive. */
export const isPositive = (yTrue: Tensor): Tensor => f32(notEqual(yTrue, 0));

/**
 * 1 where a score is among the k largest of its row, ties going to the lower index as top_k does
 * (k rounds of argmax, each masking the winner: there is no top-k op).
 */
export function topKMask(scores: Tensor, k: number): Tensor {
  const classes = scores.shape[scores.rank - 1]!;
  if (k > classes) throw new TesseraError(`topK must be ≤ the number of classes (${classes}). Received: topK=${k}`);
  let rest = scores;
  let mask: Tensor | null = null;
  for (let i = 0; i < k; i++) {
    const winner = oneHot(argmax(rest, -1), classes);
    mask = mask ? add(mask, winner) : winner;
    if (i + 1 < k) rest = where(greater(winner, 0), -Infinity, rest);
  }
  return mask!;
}

/** Σ w·x·y over all elements. */
export const weightedCount = (w: Tensor, x: Tensor, y: Tensor): Tensor => sum(mul(mul(w, x), y));

export interface PrecisionRecallOptions {
  name?: string;
  /** The decision threshold in [0, 1] (a one-element list is accepted, as Keras configs hold). Default 0.5, or none with topK. */
  thresholds?: number | readonly number[] | null;
  /** Count a prediction positive only when its score is among the k largest of its row. */
  topK?: number | null;
  /** Only this class column of yTrue and yPred counts. */
  classId?: number | null;
}

function oneThreshold(name: string, thresholds: PrecisionRecallOptions['thresholds']): number | null {
  if (thresholds === undefined || thresholds === null) return null;
  const list = typeof thresholds === 'number' ? [thresholds] : [...thresholds];
  if (list.length !== 1) throw new TesseraError(`${name}: one threshold per metric (a metric logs one number); create one metric per threshold. Received: thresholds=[${list.join(', ')}]`);
  const t = list[0]!;
  if (!(t >= 0 && t <= 1)) throw new TesseraError(`${name}: thresholds must be in [0, 1]. Received: thresholds=${t}`);
  return t;
}

abstract class PrecisionRecallBase extends Metric {
  /** The threshold as given (null: 0.5, or every top-k prediction with topK). */
  readonly thresholds: number | null;
  readonly topK: number | null;
  readonly classId: number | null;
  constructor(defaultName: string, opts: PrecisionRecallOptions) {
    super(opts.name ?? defaultName);
    this.thresholds = oneThreshold(this.name, opts.thresholds);
    this.topK = opts.topK ?? null;
    this.classId = opts.classId ?? null;
    if (this.topK !== null && !(Number.isInteger(this.topK) && this.topK >= 1)) throw new TesseraError(`${this.name}: topK must be an integer ≥ 1. Received: topK=${this.topK}`);
    if (this.classId !== null && !(Number.isInteger(this.classId) && this.classId >= 0)) throw new TesseraError(`${this.name}: classId must be an integer ≥ 0. Received: classId=${this.classId}`);
  }

  /** [tp, fp, fn]: weighted counts. */
  batchStatistics(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor[] {
    const [p, t0] = squeezeOrExpandToSameRank(f32(yPred), f32(yTrue));
    let w = weightsFor(p, sampleWeight);
    let t = isPositive(t0);
    let pred = f32(greater(p, this.thresholds ?? (this.topK === null ? 0.5 : -Infinity)));
    if (this.topK !== null) pred = mul(pred, topKMask(p, this.topK));
    if (this.classId !== null) {
      const classes = p.shape[p.rank - 1]!;
      if (p.rank < 2 || this.classId >= classes) throw new TesseraError(`${this.name}: classId ${this.classId} needs yPred of shape [batch, classes > ${this.classId}]. Received: yPred of shape [${p.shape.join(',')}]`);
      const column = (x: Tensor): Tensor => sliceAxis(x, x.rank - 1, this.classId!, this.classId! + 1);
      [t, pred, w] = [column(t), column(pred), column(w)];
    }
    return [weightedCount(w, pred, t), weightedCount(w, pred, sub(1, t)), weightedCount(w, sub(1, pred), t)];
  }

  override getConfig(): Config {
    return { name: this.name, thresholds: this.thresholds, topK: this.topK, classId: this.classId };
  }
}

/** tp / (tp + fp) (0 when nothing was predicted positive). */
export class Precision extends PrecisionRecallBase {
  readonly className = 'Precision';
  constructor(opts: PrecisionRecallOptions = {}) {
    super('precision', opts);
  }
  resultFrom([tp, fp]: readonly Float64Array[]): number {
    const d = tp![0]! + fp![0]!;
    return d ? tp![0]! / d : 0;
  }
}

/** tp / (tp + fn) (0 when there was no positive target). */
export class Recall extends PrecisionRecallBase {
  readonly className = 'Recall';
  constructor(opts: PrecisionRecallOptions = {}) {
    super('recall', opts);
  }
  resultFrom([tp, , fn]: readonly Float64Array[]): number {
    const d = tp![0]! + fn![0]!;
    return d ? tp![0]! / d : 0;
  }
}

registerMetric('Precision', ['precision'], (c) => new Precision(c as PrecisionRecallOptions));
registerMetric('Recall', ['recall'], (c) => new Recall(c as PrecisionRecallOptions));
