import { OpError } from '../../core/errors.js';
import { Tensor, type Variable } from '../../core/tensor.js';
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../../constraints/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type Regularizer, type RegularizerIdentifier } from '../../regularizers/index.js';
import { serializeOrNull as opt, type Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { mul } from '../../ops/elementwise/mul.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { dropout } from '../../ops/random/dropout.js';
import { broadcastTo } from '../../ops/shape/broadcast-to.js';
import { reshape } from '../../ops/shape/reshape.js';
import { transpose } from '../../ops/shape/transpose.js';
import { Layer, isShapeList, type CallContext, type LayerArgs, type LayerOutput, type Mask, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { SymbolicShape } from '../symbolic.js';
import { fmtSymbolic } from '../normalization/norm-common.js';
import { andMasks, asBool, attentionInputs, attentionMasks, causalMask, checkDropout, flag, maskedSoftmax } from './attention-common.js';

export interface MultiHeadAttentionArgs extends LayerArgs {
  numHeads: number;
  /** Size of each head for query and key. */
  keyDim: number;
  /** Size of each head for value. Default keyDim. */
  valueDim?: number | null;
  /** Dropout rate on the attention weights (training only). Default 0. */
  dropout?: number;
  useBias?: boolean;
  /** The output's feature shape. Default: the query's last dimension. */
  outputShape?: number | number[] | null;
  /** The axes attended over (of the inputs). Default: every axis but the batch and the features. */
  attentionAxes?: number | number[] | null;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/** Options of `apply([query, value(, key)], {kwargs})`. */
export interface MultiHeadAttentionCallOptions {
  /** bool [B, Tq, Tk] (or broadcastable): true where a query may attend to a key. */
  attentionMask?: Tensor | null;
  /** Query i attends to keys j ≤ i only. */
  useCausalMask?: boolean;
  /** Return [output, attention weights [B, heads, Tq, Tk]]. */
  returnAttentionScores?: boolean;
}

interface Projection {
  kernel: Variable;
  bias: Variable | null;
}

/** How inputs are laid out for attention: [B, ...other axes, ...attention axes, features] → [M, T, features]. */
interface Layout {
  /** [B, ...non-attention sizes] (M is their product). */
  outer: number[];
  /** The attention axes' sizes (T is their product). */
  inner: number[];
  flat: Tensor;
}

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);
const sameDims = (a: readonly (number | null)[], b: readonly (number | null)[]): boolean =>
  a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);

/**
 * Keras MultiHeadAttention. Called on [query, value] or [query, value, key] (key defaults to
 * value): projects them to `numHeads` heads, computes softmax(q·kᵀ/√keyDim) over the keys
 * (masked), mixes the values with those weights and projects the heads back to `outputShape`.
 * Weights (Keras layouts, in this order): query/key kernels [dim, heads, keyDim] and biases
 * [heads, keyDim], value kernel [dim, heads, valueDim] and bias [heads, valueDim], output kernel
 * [heads, valueDim, ...outputShape] and bias [...outputShape]. Masks: the query's and value's
 * (key's) masks, the `attentionMask` and the causal mask are and-ed, as Keras does; the output
 * carries the query's mask.
 */
export class MultiHeadAttention extends Layer {
  readonly className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShape: number[] | null;
  readonly attentionAxes: number[] | null;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  query: Projection | null = null;
  key: Projection | null = null;
  value: Projection | null = null;
  attentionOutput: Projection | null = null;
  /** The attention axes of the inputs, resolved at build. */
  private axes: number[] = [];
  private inputRank = 0;
  /** Whether the last call returned [output, scores] (computeMask runs right after call). */
  private returnedScores = false;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    const positive = (name: string, v: unknown): number => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new OpError('multiHeadAttention', `${name} must be an integer ≥ 1. Received: ${name}=${String(v)}`);
      return v;
    };
    this.numHeads = positive('numHeads', args.numHeads);
    this.keyDim = positive('keyDim', args.keyDim);
    this.valueDim = args.valueDim === undefined || args.valueDim === null ? this.keyDim : positive('valueDim', args.valueDim);
    this.dropout = checkDropout('multiHeadAttention', args.dropout ?? 0);
    this.useBias = args.useBias ?? true;
    const outShape = args.outputShape ?? null;
    if (outShape !== null) {
      const list = typeof outShape === 'number' ? [outShape] : outShape;
      if (!Array.isArray(list) || list.length === 0 || !list.every((d) => Number.isInteger(d) && d >= 1)) {
        throw new OpError('multiHeadAttention', `outputShape must be an integer ≥ 1 or a list of them. Received: outputShape=${JSON.stringify(outShape)}`);
      }
      this.outputShape = [...list];
    } else this.outputShape = null;
    const axes = args.attentionAxes ?? null;
    if (axes !== null) {
      const list = typeof axes === 'number' ? [axes] : axes;
      if (!Array.isArray(list) || list.length === 0 || !list.every((a) => Number.isInteger(a))) {
        throw new OpError('multiHeadAttention', `attentionAxes must be an integer or a list of integers. Received: attentionAxes=${JSON.stringify(axes)}`);
      }
      this.attentionAxes = [...list];
    } else this.attentionAxes = null;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = args.kernelRegularizer ? getRegularizer(args.kernelRegularizer) : null;
    this.biasRegularizer = args.biasRegularizer ? getRegularizer(args.biasRegularizer) : null;
    this.kernelConstraint = args.kernelConstraint ? getConstraint(args.kernelConstraint) : null;
    this.biasConstraint = args.biasConstraint ? getConstraint(args.biasConstraint) : null;
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    if (!isShapeList(inputShape) || inputShape.length < 2 || inputShape.length > 3) {
      throw new OpError(this.name, 'must be called on a list [query, value] or [query, value, key]. Received: one input');
    }
    const [q, v, k = v] = inputShape as [SymbolicShape, SymbolicShape, SymbolicShape?];
    const r = q.length;
    if (r < 3 || v.length !== r || k.length !== r) {
      throw new OpError(this.name, `query, value and key must have the same rank ≥ 3 ([batch, ..., features]). Received: query ${fmtSymbolic(q)}, value ${fmtSymbolic(v)}, key ${fmtSymbolic(k)}`);
    }
    if (!sameDims(v.slice(1, -1), k.slice(1, -1))) {
      throw new OpError(this.name, `value and key must have the same dimensions except the last. Received: value ${fmtSymbolic(v)}, key ${fmtSymbolic(k)}`);
    }
    for (const [what, s] of [['query', q], ['value', v], ['key', k]] as const) {
      if (s[r - 1] === null || s[r - 1] === undefined) throw new OpError(this.name, `the ${what}'s last dimension must be known. Received: ${what} ${fmtSymbolic(s)}`);
    }
    const axes = (this.attentionAxes ?? Array.from({ length: r - 2 }, (_, i) => i + 1)).map((a) => (a < 0 ? a + r : a));
    if (axes.some((a) => a < 1 || a > r - 2) || new Set(axes).size !== axes.length) {
      throw new OpError(this.name, `attentionAxes must be distinct axes in [1, ${r - 2}] (not the batch or features) for inputs of rank ${r}. Received: attentionAxes=${JSON.stringify(this.attentionAxes)}`);
    }
    this.axes = axes.sort((a, b) => a - b);
    this.inputRank = r;
    const [h, kd, vd] = [this.numHeads, this.keyDim, this.valueDim];
    this.query = this.projection('query', [q[r - 1]!, h, kd], [h, kd]);
    this.key = this.projection('key', [k[r - 1]!, h, kd], [h, kd]);
    this.value = this.projection('value', [v[r - 1]!, h, vd], [h, vd]);
    const out = this.outputShape ?? [q[r - 1]!];
    this.attentionOutput = this.projection('attention_output', [h, vd, ...out], out);
  }

  private projection(name: string, kernelShape: number[], biasShape: number[]): Projection {
    const kernel = this.addWeight(`${name}/kernel`, kernelShape, {
      initializer: this.kernelInitializer, regularizer: this.kernelRegularizer, constraint: this.kernelConstraint,
    });
    const bias = this.useBias
      ? this.addWeight(`${name}/bias`, biasShape, { initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint })
      : null;
    return { kernel, bias };
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    const { query, value, key, keyGiven } = attentionInputs(this.name, inputs);
    const { queryMask, valueMask, keyMask } = attentionMasks(ctx.mask);
    const returnScores = flag(this.name, ctx.kwargs, 'returnAttentionScores');
    const useCausal = flag(this.name, ctx.kwargs, 'useCausalMask');
    const explicit = ctx.kwargs['attentionMask'] ?? null;
    if (explicit !== null && !(explicit instanceof Tensor)) {
      throw new OpError(this.name, `attentionMask must be a tensor. Received: ${typeof explicit}`);
    }
    const r = this.inputRank;
    for (const [what, t, p] of [['query', query, this.query!], ['value', value, this.value!], ['key', key, this.key!]] as const) {
      if (t.rank !== r || t.shape[r - 1] !== p.kernel.shape[0]) {
        throw new OpError(this.name, `expected the ${what} to have rank ${r} and last dimension ${p.kernel.shape[0]}. Received: ${what} shape [${t.shape.join(',')}]`);
      }
    }
    const q = this.layout(query);
    const v = this.layout(value);
    const k = this.layout(key);
    if (q.outer.join() !== v.outer.join() || v.outer.join() !== k.outer.join() || v.inner.join() !== k.inner.join()) {
      throw new OpError(this.name, `query, value and key must agree on the batch and non-attention axes, and value and key on the attention axes. Received: query [${query.shape.join(',')}], value [${value.shape.join(',')}], key [${key.shape.join(',')}]`);
    }
    const [tq, tk] = [product(q.inner), product(k.inner)];
    const qh = mul(this.project(q.flat, this.query!), 1 / Math.sqrt(this.keyDim));
    const kh = this.project(k.flat, this.key!);
    const vh = this.project(v.flat, this.value!);
    const scores = matmul(qh, kh, { transposeB: true }); // [M, heads, Tq, Tk]

    let mask: Tensor | null = null;
    if (queryMask) mask = reshape(this.layoutMask(queryMask, query, 'query'), [-1, 1, tq, 1]);
    if (valueMask) mask = andMasks(mask, reshape(this.layoutMask(valueMask, value, 'value'), [-1, 1, 1, tk]));
    if (keyMask && keyGiven) mask = andMasks(mask, reshape(this.layoutMask(keyMask, key, 'key'), [-1, 1, 1, tk]));
    if (useCausal) mask = andMasks(mask, reshape(causalMask(tq, tk), [1, 1, tq, tk]));
    if (explicit) mask = andMasks(mask, this.explicitMask(explicit, q, k));

    const weights = maskedSoftmax(scores, mask);
    const mixed = ctx.training && this.dropout > 0 ? dropout(weights, this.dropout) : weights;
    const h = this.numHeads;
    const vd = this.valueDim;
    const m = product(q.outer);
    const heads = reshape(transpose(matmul(mixed, vh), [0, 2, 1, 3]), [m * tq, h * vd]);
    const outShape = this.attentionOutput!.kernel.shape.slice(2);
    let out = matmul(heads, reshape(this.attentionOutput!.kernel, [h * vd, product(outShape)]));
    if (this.attentionOutput!.bias) out = add(out, reshape(this.attentionOutput!.bias, [product(outShape)]));
    out = this.unlayout(reshape(out, [...q.outer, ...q.inner, ...outShape]), outShape.length);
    this.returnedScores = returnScores;
    if (!returnScores) return out;
    return [out, reshape(weights, [...q.outer, h, ...q.inner, ...k.inner])];
  }

  /** The axes permutation [0, ...non-attention axes, ...attention axes] (of the first rank − 1 axes). */
  private order(): number[] {
    const r = this.inputRank;
    const other = Array.from({ length: r - 2 }, (_, i) => i + 1).filter((a) => !this.axes.includes(a));
    return [0, ...other, ...this.axes];
  }

  private isIdentity(order: number[]): boolean {
    return order.every((a, i) => a === i);
  }

  /** x [B, ..., d] → [M, T, d] with the attention axes last before the features. */
  private layout(x: Tensor): Layout {
    const order = this.order();
    const r = this.inputRank;
    const moved = this.isIdentity(order) ? x : transpose(x, [...order, r - 1]);
    const outerCount = order.length - this.axes.length;
    const outer = order.slice(0, outerCount).map((a) => x.shape[a]!);
    const inner = this.axes.map((a) => x.shape[a]!);
    const d = x.shape[r - 1]!;
    const flat = outer.length === 1 && inner.length === 1 ? moved : reshape(moved, [product(outer), product(inner), d]);
    return { outer, inner, flat };
  }

  /** Inverse of `layout` for the output [...outer, ...inner, ...features] (features of rank `featureRank`). */
  private unlayout(y: Tensor, featureRank: number): Tensor {
    const order = this.order();
    if (this.isIdentity(order)) return y;
    const back = order.map((_, i) => order.indexOf(i));
    return transpose(y, [...back, ...Array.from({ length: featureRank }, (_, i) => order.length + i)]);
  }

  /** A mask of an input (its shape without the features) laid out as [M, T]. */
  private layoutMask(mask: Tensor, x: Tensor, what: string): Tensor {
    const want = x.shape.slice(0, -1);
    if (mask.shape.join() !== want.join()) {
      throw new OpError(this.name, `the ${what}'s mask must have the ${what}'s shape without the features [${want.join(',')}]. Received: mask [${mask.shape.join(',')}]`);
    }
    const order = this.order();
    const b = asBool(mask);
    return this.isIdentity(order) ? b : transpose(b, order);
  }

  /**
   * attentionMask [B, ...non-attention, ...query attention, ...key attention] (leading axes may be
   * missing or 1, as Keras broadcasts it) → [M or 1, 1, Tq, Tk].
   */
  private explicitMask(m: Tensor, q: Layout, k: Layout): Tensor {
    const a = this.axes.length;
    const lead = m.rank - 2 * a;
    const full = [...q.outer, ...q.inner, ...k.inner];
    const bad = (): OpError => new OpError(this.name, `attentionMask must broadcast to [${full.join(',')}] ([batch, ..., query positions, key positions]). Received: attentionMask [${m.shape.join(',')}]`);
    if (lead < 0 || lead > q.outer.length) throw bad();
    const padded = [...m.shape.slice(0, lead), ...Array<number>(q.outer.length - lead).fill(1), ...m.shape.slice(lead)];
    if (padded.some((d, i) => d !== 1 && d !== full[i])) throw bad();
    let b = reshape(asBool(m), padded);
    const [tq, tk] = [product(q.inner), product(k.inner)];
    if (q.outer.length === 1 && a === 1) return reshape(b, [padded[0]!, 1, padded[1]!, padded[2]!]);
    b = broadcastTo(b, full);
    return reshape(b, [product(q.outer), 1, tq, tk]);
  }

  /** [M, T, d] → [M, heads, T, depth]: one matmul over every position. */
  private project(x: Tensor, p: Projection): Tensor {
    const [m, t, d] = x.shape as [number, number, number];
    const [, heads, depth] = p.kernel.shape as [number, number, number];
    let y = matmul(reshape(x, [m * t, d]), reshape(p.kernel, [d, heads * depth]));
    if (p.bias) y = add(y, reshape(p.bias, [heads * depth]));
    return transpose(reshape(y, [m, t, heads, depth]), [0, 2, 1, 3]);
  }

  override computeMask(inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask | Mask[] {
    const { queryMask } = attentionMasks(mask);
    void inputs;
    return this.returnedScores ? [queryMask, null] : queryMask;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      outputShape: this.outputShape ? [...this.outputShape] : null,
      attentionAxes: this.attentionAxes ? [...this.attentionAxes] : null,
      kernelInitializer: opt(this.kernelInitializer),
      biasInitializer: opt(this.biasInitializer),
      kernelRegularizer: opt(this.kernelRegularizer),
      biasRegularizer: opt(this.biasRegularizer),
      kernelConstraint: opt(this.kernelConstraint),
      biasConstraint: opt(this.biasConstraint),
    };
  }
}

registerLayer('MultiHeadAttention', MultiHeadAttention);
