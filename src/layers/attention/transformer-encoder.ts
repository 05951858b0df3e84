import { OpError } from '../../core/errors.js';
import { Tensor } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationIdentifier } from '../../activations/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { serializeOrNull as opt, type Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { dropout } from '../../ops/random/dropout.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { Dense } from '../core/dense.js';
import { Layer, type CallContext, type LayerArgs, type LayerOutput, type Mask, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { LayerNormalization } from '../normalization/layer-normalization.js';
import { fmtSymbolic, singleInput, singleShape } from '../normalization/norm-common.js';
import { andMasks, asBool, checkDropout, flag } from './attention-common.js';
import { MultiHeadAttention } from './multi-head-attention.js';

export interface TransformerEncoderArgs extends LayerArgs {
  /** Hidden size of the feed-forward block. */
  intermediateDim: number;
  numHeads: number;
  /** Dropout rate of the attention weights and after each block (training only). Default 0. */
  dropout?: number;
  /** Activation of the feed-forward block's first dense layer. Default 'relu'. */
  activation?: ActivationIdentifier;
  layerNormEpsilon?: number;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  /** Pre-norm (layer norm before each block) instead of post-norm. Default false. */
  normalizeFirst?: boolean;
}

/** Options of `apply(x, {kwargs})`. */
export interface TransformerEncoderCallOptions {
  /** bool [B, T]: false at padding tokens (default: the input's mask, e.g. from embedding maskZero). */
  paddingMask?: Tensor | null;
  /** bool [B, T, T]: true where a token may attend to another. */
  attentionMask?: Tensor | null;
  returnAttentionScores?: boolean;
}

/**
 * keras-hub TransformerEncoder: self-attention (multiHeadAttention with keyDim = features /
 * numHeads) with dropout and a residual connection, then a feed-forward block (dense
 * intermediateDim with `activation`, dense back to the features) with dropout and a residual,
 * each followed (or, with normalizeFirst, preceded) by layer normalization. Padding tokens
 * (paddingMask, or the input's mask) are hidden from the attention. Weights, in order: the
 * attention's 8, self-attention layer norm (gamma, beta), feed-forward layer norm (gamma, beta),
 * intermediate dense (kernel, bias), output dense (kernel, bias).
 */
export class TransformerEncoder extends Layer {
  readonly className = 'TransformerEncoder';
  readonly intermediateDim: number;
  readonly numHeads: number;
  readonly dropout: number;
  readonly layerNormEpsilon: number;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly normalizeFirst: boolean;
  private readonly activationId: ActivationIdentifier;
  // Declared in Keras's tracking order: `weights` lists sub-layers in property order.
  selfAttentionLayer: MultiHeadAttention | null = null;
  selfAttentionLayerNorm: LayerNormalization | null = null;
  feedforwardLayerNorm: LayerNormalization | null = null;
  feedforwardIntermediateDense: Dense | null = null;
  feedforwardOutputDense: Dense | null = null;
  /** Whether the last call returned [output, scores] (computeMask runs right after call). */
  private returnedScores = false;

  constructor(args: TransformerEncoderArgs) {
    super(args);
    for (const key of ['intermediateDim', 'numHeads'] as const) {
      const v = args[key];
      if (!Number.isInteger(v) || v < 1) throw new OpError('transformerEncoder', `${key} must be an integer ≥ 1. Received: ${key}=${String(v)}`);
    }
    this.intermediateDim = args.intermediateDim;
    this.numHeads = args.numHeads;
    this.dropout = checkDropout('transformerEncoder', args.dropout ?? 0);
    this.activationId = args.activation ?? 'relu';
    getActivation(this.activationId);
    const eps = args.layerNormEpsilon ?? 1e-5;
    if (typeof eps !== 'number' || !(eps >= 0)) {
      throw new OpError('transformerEncoder', `layerNormEpsilon must be a number ≥ 0. Received: layerNormEpsilon=${String(eps)}`);
    }
    this.layerNormEpsilon = eps;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.normalizeFirst = args.normalizeFirst ?? false;
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    const shape = singleShape(this.name, inputShape);
    const hidden = shape[shape.length - 1];
    if (shape.length !== 3 || hidden === null || hidden === undefined) {
      throw new OpError(this.name, `expects inputs [batch, sequence, features] with known features. Received: input shape ${fmtSymbolic(shape)}`);
    }
    const keyDim = Math.floor(hidden / this.numHeads);
    if (keyDim === 0) {
      throw new OpError(this.name, `the features (${hidden}) must be at least numHeads (${this.numHeads}), so that each head has keyDim ≥ 1. Received: input shape ${fmtSymbolic(shape)}`);
    }
    const sub = (name: string): string => `${this.name}/${name}`;
    const init = { kernelInitializer: this.kernelInitializer, biasInitializer: this.biasInitializer, dtype: this.dtype };
    this.selfAttentionLayer = new MultiHeadAttention({ numHeads: this.numHeads, keyDim, dropout: this.dropout, ...init, name: sub('self_attention_layer') });
    this.selfAttentionLayerNorm = new LayerNormalization({ epsilon: this.layerNormEpsilon, dtype: this.dtype, name: sub('self_attention_layer_norm') });
    this.feedforwardLayerNorm = new LayerNormalization({ epsilon: this.layerNormEpsilon, dtype: this.dtype, name: sub('feedforward_layer_norm') });
    this.feedforwardIntermediateDense = new Dense({ units: this.intermediateDim, activation: this.activationId, ...init, name: sub('feedforward_intermediate_dense') });
    this.feedforwardOutputDense = new Dense({ units: hidden, ...init, name: sub('feedforward_output_dense') });
    this.selfAttentionLayer.maybeBuild([shape, shape]);
    this.selfAttentionLayerNorm.maybeBuild(shape);
    this.feedforwardLayerNorm.maybeBuild(shape);
    this.feedforwardIntermediateDense.maybeBuild(shape);
    this.feedforwardOutputDense.maybeBuild([...shape.slice(0, -1), this.intermediateDim]);
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    const x0 = singleInput(this.name, inputs);
    const inputMask = Array.isArray(ctx.mask) ? ctx.mask[0] ?? null : ctx.mask;
    const training = ctx.training;
    const returnScores = flag(this.name, ctx.kwargs, 'returnAttentionScores');
    const attentionMask = this.selfAttentionMask(x0, inputMask, ctx.kwargs);
    const drop = (t: Tensor): Tensor => (training && this.dropout > 0 ? dropout(t, this.dropout) : t);

    // Self-attention block. As in keras-hub, the input's own mask also reaches the attention as
    // its query and value mask (padding queries get zero attention weights).
    let x = this.normalizeFirst ? this.selfAttentionLayerNorm!.apply(x0, { training }) : x0;
    const attended = this.selfAttentionLayer!.apply([x, x], {
      training, mask: [inputMask, inputMask], kwargs: { attentionMask, returnAttentionScores: returnScores },
    });
    const [y, scores] = Array.isArray(attended) ? attended : [attended, null];
    x = add(drop(y!), x0);
    if (!this.normalizeFirst) x = this.selfAttentionLayerNorm!.apply(x, { training });

    // Feed-forward block.
    const residual = x;
    if (this.normalizeFirst) x = this.feedforwardLayerNorm!.apply(x, { training });
    x = this.feedforwardOutputDense!.apply(this.feedforwardIntermediateDense!.apply(x, { training }), { training });
    x = add(drop(x), residual);
    if (!this.normalizeFirst) x = this.feedforwardLayerNorm!.apply(x, { training });
    this.returnedScores = scores !== null;
    return scores ? [x, scores] : x;
  }

  /** keras-hub's merge_padding_and_attention_mask: padding [B, 1, T] and-ed with attentionMask [B, T, T]. */
  private selfAttentionMask(x: Tensor, inputMask: Mask, kwargs: Readonly<Record<string, unknown>>): Tensor | null {
    const tensorOption = (name: string, rank: number, what: string): Tensor | null => {
      const v = kwargs[name] ?? null;
      if (v === null) return null;
      if (!(v instanceof Tensor) || v.rank !== rank) {
        const got = v instanceof Tensor ? `shape [${v.shape.join(',')}]` : typeof v;
        throw new OpError(this.name, `${name} must be a tensor ${what}. Received: ${got}`);
      }
      return v;
    };
    const padding = tensorOption('paddingMask', 2, '[batch, sequence]') ?? inputMask;
    const explicit = tensorOption('attentionMask', 3, '[batch, sequence, sequence]');
    if (padding && padding.rank !== 2) {
      throw new OpError(this.name, `the padding mask must be [batch, sequence]. Received: mask [${padding.shape.join(',')}] for inputs [${x.shape.join(',')}]`);
    }
    return andMasks(padding ? expandDims(asBool(padding), 1) : null, explicit ? asBool(explicit) : null);
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask | Mask[] {
    const m = Array.isArray(mask) ? mask[0] ?? null : mask;
    return this.returnedScores ? [m, null] : m;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      intermediateDim: this.intermediateDim,
      numHeads: this.numHeads,
      dropout: this.dropout,
      activation: activationName(this.activationId, this.name),
      layerNormEpsilon: this.layerNormEpsilon,
      kernelInitializer: opt(this.kernelInitializer),
      biasInitializer: opt(this.biasInitializer),
      normalizeFirst: this.normalizeFirst,
    };
  }
}

registerLayer('TransformerEncoder', TransformerEncoder);
