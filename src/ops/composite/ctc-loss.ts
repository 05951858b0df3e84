import { full } from '../../core/creation.js';
import { isFloat, isInteger } from '../../core/dtype.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { tensor, toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { add } from '../elementwise/add.js';
import { cast } from '../elementwise/cast.js';
import { equal } from '../elementwise/equal.js';
import { greaterEqual } from '../elementwise/greater-equal.js';
import { less } from '../elementwise/less.js';
import { log } from '../elementwise/log.js';
import { logicalAnd } from '../elementwise/logical-and.js';
import { logicalOr } from '../elementwise/logical-or.js';
import { maximum } from '../elementwise/maximum.js';
import { mul } from '../elementwise/mul.js';
import { neg } from '../elementwise/neg.js';
import { notEqual } from '../elementwise/not-equal.js';
import { sub } from '../elementwise/sub.js';
import { where } from '../elementwise/where.js';
import { takeAlongAxis } from '../indexing/take-along-axis.js';
import { logSumExp } from '../reduce/log-sum-exp.js';
import { sum } from '../reduce/sum.js';
import { broadcastTo } from '../shape/broadcast-to.js';
import { concat } from '../shape/concat.js';
import { expandDims } from '../shape/expand-dims.js';
import { reshape } from '../shape/reshape.js';
import { sliceAxis } from '../shape/slice.js';
import { stack } from '../shape/stack.js';
import { unstack } from '../shape/unstack.js';
import { logSoftmax } from './log-softmax.js';

export interface CtcLossOptions {
  /** Label length of each sample, [batch]. Default: the labels that are ≥ 0 and not the blank are counted (padding −1). */
  labelLengths?: TensorLike;
  /** Number of valid time steps of each sample, [batch]. Default: all of them. */
  logitLengths?: TensorLike;
  /** The class index of the CTC blank. */
  blankIndex?: number;
  /** The predictions are logits (log-softmax is applied); false: probabilities (their log is taken). */
  fromLogits?: boolean;
}

/**
 * Stands in for log(0). Finite, so that unreachable states give exact zeros in the gradient
 * (exp(NEG - m) underflows to 0) where −Infinity would give (−∞) − (−∞) = NaN; adding log-probs
 * to it leaves it unchanged in float32 and float64.
 */
const NEG = -1e30;
/** Probabilities are floored here before the log (fromLogits: false), so log(0) stays finite. */
const TINY = 1e-30;

/** Integer [batch] lengths from a tensor or array, and their values when already known (range-checked). */
function lengthsOf(what: string, x: TensorLike, batch: number, maxLength: number): { lengths: Tensor; known: number[] | null } {
  const t = toTensor(x);
  if (t.rank !== 1 || t.shape[0] !== batch) throw new OpError('ctcLoss', `${what} must have shape [${batch}] (one length per sample). Received: shape ${fmtShape(t.shape)}`);
  if (!isInteger(t.dtype) && !isFloat(t.dtype)) throw new OpError('ctcLoss', `${what} must be numbers. Received: dtype=${t.dtype}`);
  const data = t._resolve()._data;
  const known = data ? Array.from(data as ArrayLike<number>, Number) : null;
  known?.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 0 && v <= maxLength)) throw new OpError('ctcLoss', `${what} must be integers in [0, ${maxLength}]. Received: ${v} at sample ${i}`);
  });
  return { lengths: t.dtype === 'int32' ? t : cast(t, 'int32'), known };
}

/** Labels already computed (and their lengths, when given and computed) are checked now: a bad class names the sample. */
function checkKnownLabels(labels: Tensor, given: { known: number[] | null } | null, classes: number, blank: number): void {
  const data = labels._resolve()._data;
  const lens = given ? given.known : null;
  if (!data || (given && !lens)) return;
  const [batch, maxLabels] = labels.shape as [number, number];
  for (let b = 0; b < batch; b++) {
    const row = Array.from(data.subarray(b * maxLabels, (b + 1) * maxLabels) as ArrayLike<number>, Number);
    const n = lens ? lens[b]! : row.filter((v) => v >= 0 && v !== blank).length;
    for (let i = 0; i < n; i++) {
      const v = row[i]!;
      if (!(Number.isInteger(v) && v >= 0 && v < classes && v !== blank)) {
        throw new OpError('ctcLoss', `labels must be classes in [0, ${classes - 1}] other than the blank (${blank}), padding after them. Received: ${v} at sample ${b}, position ${i} (label length ${n})`);
      }
    }
  }
}

/** Shifts the states right by k along axis 1, filling with NEG (the transitions s-k → s). */
function shiftRight(alpha: Tensor, k: number): Tensor {
  const [batch, states] = alpha.shape as [number, number];
  if (k >= states) return full([batch, states], NEG, alpha.dtype);
  return concat([full([batch, k], NEG, alpha.dtype), sliceAxis(alpha, 1, 0, states - k)], 1);
}

/**
 * Connectionist temporal classification loss: the negative log-likelihood of each sample's label
 * sequence under all alignments to its frames (PyTorch `F.ctc_loss(logSoftmax(logits), …,
 * reduction: 'none')`). labels [batch, maxLabelLength] integers (entries past a sample's label
 * length may hold anything), logits [batch, time, classes]; the result has shape [batch].
 *
 * The forward (alpha) recursion runs in log space over the blank-interleaved label sequence
 * (length 2L+1), one set of ops per time step, so it traces under `jit` and its gradient comes
 * from autodiff. A label sequence that cannot fit in its frames gives a loss of about 1e30
 * (PyTorch: Infinity), with finite gradients.
 */
export function ctcLoss(labels: TensorLike, logits: TensorLike, opts: CtcLossOptions = {}): Tensor {
  const { blankIndex = 0, fromLogits = true } = opts;
  const x0 = toTensor(logits);
  const x = isFloat(x0.dtype) ? x0 : cast(x0, 'float32');
  const y0 = toTensor(labels);
  if (x.rank !== 3) throw new OpError('ctcLoss', `logits must have shape [batch, time, classes]. Received: shape ${fmtShape(x.shape)}`);
  if (y0.rank !== 2) throw new OpError('ctcLoss', `labels must have shape [batch, maxLabelLength]. Received: shape ${fmtShape(y0.shape)}`);
  const [batch, time, classes] = x.shape as [number, number, number];
  if (y0.shape[0] !== batch) throw new OpError('ctcLoss', `labels and logits must have the same batch size. Received: labels ${fmtShape(y0.shape)}, logits ${fmtShape(x.shape)}`);
  if (time < 1) throw new OpError('ctcLoss', `logits need at least one time step. Received: shape ${fmtShape(x.shape)}`);
  if (!(Number.isInteger(blankIndex) && blankIndex >= 0 && blankIndex < classes)) {
    throw new OpError('ctcLoss', `blankIndex must be an integer in [0, ${classes - 1}]. Received: blankIndex=${blankIndex}`);
  }
  if (!isInteger(y0.dtype) && !isFloat(y0.dtype)) throw new OpError('ctcLoss', `labels must hold class indices. Received: dtype=${y0.dtype}`);
  const y = y0.dtype === 'int32' ? y0 : cast(y0, 'int32');
  const maxLabels = y.shape[1]!;
  const states = 2 * maxLabels + 1;

  const givenLabelLengths = opts.labelLengths !== undefined ? lengthsOf('labelLengths', opts.labelLengths, batch, maxLabels) : null;
  checkKnownLabels(y, givenLabelLengths, classes, blankIndex);
  const labelLengths = givenLabelLengths?.lengths ?? sum(cast(logicalAnd(greaterEqual(y, 0), notEqual(y, blankIndex)), 'int32'), 1);
  const logitLengths = opts.logitLengths !== undefined ? lengthsOf('logitLengths', opts.logitLengths, batch, time).lengths : null;

  const logp = fromLogits ? logSoftmax(x, -1) : log(maximum(x, TINY));

  // Extended sequence [blank, l1, blank, l2, …, blank]; labels past the length become blanks so
  // that padding of any value is a valid index.
  const position = tensor(Array.from({ length: maxLabels }, (_, i) => i), [1, maxLabels], 'int32');
  const cleanLabels = where(less(position, expandDims(labelLengths, 1)), y, blankIndex);
  const pairs = stack([full([batch, maxLabels], blankIndex, 'int32'), cleanLabels], 2);
  const extended = concat([reshape(pairs, [batch, 2 * maxLabels]), full([batch, 1], blankIndex, 'int32')], 1);

  // Emission log-probabilities of the extended sequence at every frame: [batch, time, states].
  const emissions = takeAlongAxis(logp, broadcastTo(expandDims(extended, 1), [batch, time, states]), 2, { negativeIndices: false });
  const frames = unstack(emissions, 1);

  // s-2 → s is allowed onto a label that differs from the label two states back ("aa" needs a blank).
  const twoBack = sliceAxis(concat([full([batch, 2], blankIndex, 'int32'), extended], 1), 1, 0, states);
  const canSkip = logicalAnd(notEqual(extended, blankIndex), notEqual(extended, twoBack));

  const stateIndex = tensor(Array.from({ length: states }, (_, i) => i), [1, states], 'int32');
  let alpha = where(less(stateIndex, 2), frames[0]!, NEG);
  for (let t = 1; t < time; t++) {
    const paths = stack([alpha, shiftRight(alpha, 1), where(canSkip, shiftRight(alpha, 2), NEG)], 2);
    const next = add(logSumExp(paths, 2), frames[t]!);
    alpha = logitLengths ? where(expandDims(less(t, logitLengths), 1), next, alpha) : next;
  }

  // A path ends on the last label or the blank after it.
  const last = expandDims(mul(labelLengths, 2), 1);
  const isEnd = logicalOr(equal(stateIndex, last), equal(stateIndex, sub(last, 1)));
  return neg(logSumExp(where(isEnd, alpha, NEG), 1));
}
