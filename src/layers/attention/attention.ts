import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { mul } from '../../ops/elementwise/mul.js';
import { sub } from '../../ops/elementwise/sub.js';
import { tanh } from '../../ops/elementwise/tanh.js';
import { where } from '../../ops/elementwise/where.js';
import { add } from '../../ops/elementwise/add.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { dropout } from '../../ops/random/dropout.js';
import { sum } from '../../ops/reduce/sum.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { reshape } from '../../ops/shape/reshape.js';
import { softmax } from '../../ops/composite/softmax.js';
import { Layer, isShapeList, type CallContext, type LayerArgs, type LayerOutput, type Mask, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { SymbolicShape } from '../symbolic.js';
import { fmtSymbolic } from '../normalization/norm-common.js';
import { andMasks, asBool, attentionInputs, attentionMasks, causalMask, checkDropout, flag } from './attention-common.js';

export type ScoreMode = 'dot' | 'concat';

export interface AttentionArgs extends LayerArgs {
  /** Learn a scalar that multiplies the scores. Default false. */
  useScale?: boolean;
  /** 'dot': q·kᵀ; 'concat': Σ tanh(q + k) (times a learned scalar). Default 'dot'. */
  scoreMode?: ScoreMode;
  /** Dropout rate on the attention weights (training only). Default 0. */
  dropout?: number;
}

/** What Keras subtracts from masked scores (exp of it is 0 next to any unmasked score). */
const MASKED_SCORE_OFFSET = 1e9;

/**
 * Keras Attention (Luong-style dot-product attention), called on [query, value] or
 * [query, value, key]: query [B, Tq, dim], value [B, Tv, dimV], key [B, Tv, dim] (default value).
 * Output: softmax(scores) · value [B, Tq, dimV]. The value's mask hides keys; the causal mask
 * (call option useCausalMask) hides later keys; a masked query's output is 0 and the output
 * carries the query's mask. Call option returnAttentionScores returns [output, weights [B, Tq, Tv]].
 */
export class Attention extends Layer {
  readonly className: string = 'Attention';
  readonly useScale: boolean;
  readonly scoreMode: ScoreMode;
  readonly dropout: number;
  scale: Variable | null = null;
  concatScoreWeight: Variable | null = null;
  private returnedScores = false;

  constructor(args: AttentionArgs = {}, defaultUseScale = false) {
    super(args);
    this.useScale = args.useScale ?? defaultUseScale;
    const mode = args.scoreMode ?? 'dot';
    if (mode !== 'dot' && mode !== 'concat') {
      throw new OpError('attention', `scoreMode must be 'dot' or 'concat'. Received: scoreMode=${JSON.stringify(mode)}`);
    }
    this.scoreMode = mode;
    this.dropout = checkDropout('attention', args.dropout ?? 0);
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    this.checkShapes(inputShape);
    if (this.useScale) this.scale = this.addWeight('scale', [], { initializer: 'ones' });
    if (this.scoreMode === 'concat') this.concatScoreWeight = this.addWeight('concat_score_weight', [], { initializer: 'ones' });
  }

  /** [query, value, key] shapes, checked to have rank ≥ 3 and matching query/key features. */
  protected checkShapes(inputShape: ShapeArg): [SymbolicShape, SymbolicShape, SymbolicShape] {
    if (!isShapeList(inputShape) || inputShape.length < 2 || inputShape.length > 3) {
      throw new OpError(this.name, 'must be called on a list [query, value] or [query, value, key]. Received: one input');
    }
    const [q, v, k = v] = inputShape as [SymbolicShape, SymbolicShape, SymbolicShape?];
    if (q.length < 3 || v.length !== q.length || k.length !== q.length) {
      throw new OpError(this.name, `query, value and key must have the same rank ≥ 3 ([batch, steps, features]). Received: query ${fmtSymbolic(q)}, value ${fmtSymbolic(v)}, key ${fmtSymbolic(k)}`);
    }
    const [dq, dk] = [q[q.length - 1], k[k.length - 1]];
    if (dq === null || dq === undefined || dq !== dk) {
      throw new OpError(this.name, `query and key must have the same known last dimension. Received: query ${fmtSymbolic(q)}, key ${fmtSymbolic(k)}`);
    }
    return [q, v, k];
  }

  /** Scores [B, Tq, Tv] of query [B, Tq, dim] against key [B, Tv, dim]. */
  protected scores(query: Tensor, key: Tensor): Tensor {
    if (this.scoreMode === 'dot') {
      const s = matmul(query, key, { transposeB: true });
      return this.scale ? mul(s, this.scale) : s;
    }
    let pairs = add(expandDims(query, -2), expandDims(key, -3)); // [B, Tq, Tv, dim]
    if (this.scale) pairs = mul(pairs, this.scale);
    return mul(sum(tanh(pairs), -1), this.concatScoreWeight!);
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    const { query, value, key } = attentionInputs(this.name, inputs);
    const { queryMask, valueMask } = attentionMasks(ctx.mask);
    const returnScores = flag(this.name, ctx.kwargs, 'returnAttentionScores');
    const useCausal = flag(this.name, ctx.kwargs, 'useCausalMask');
    if (query.shape[query.rank - 1] !== key.shape[key.rank - 1] || value.shape[value.rank - 2] !== key.shape[key.rank - 2]) {
      throw new OpError(this.name, `expected query [..., Tq, dim], value [..., Tv, dimV] and key [..., Tv, dim]. Received: query [${query.shape.join(',')}], value [${value.shape.join(',')}], key [${key.shape.join(',')}]`);
    }
    let scores = this.scores(query, key);
    const [tq, tv] = scores.shape.slice(-2) as [number, number];
    let keep: Tensor | null = valueMask ? expandDims(asBool(valueMask), -2) : null;
    if (useCausal) keep = andMasks(keep, reshape(causalMask(tq, tv), [1, tq, tv]));
    // Keras subtracts a large number rather than replacing: a row with every key masked stays a softmax of the scores.
    if (keep) scores = where(keep, scores, sub(scores, MASKED_SCORE_OFFSET));
    const weights = softmax(scores, -1);
    const mixed = ctx.training && this.dropout > 0 ? dropout(weights, this.dropout) : weights;
    let out = matmul(mixed, value);
    if (queryMask) out = where(expandDims(asBool(queryMask), -1), out, 0);
    this.returnedScores = returnScores;
    return returnScores ? [out, weights] : out;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask | Mask[] {
    const { queryMask } = attentionMasks(mask);
    return this.returnedScores ? [queryMask, null] : queryMask;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), useScale: this.useScale, scoreMode: this.scoreMode, dropout: this.dropout };
  }
}

registerLayer('Attention', Attention);
