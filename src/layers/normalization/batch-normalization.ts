import { isFloat } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import type { Constraint } from '../../constraints/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import type { Regularizer } from '../../regularizers/index.js';
import { serializeOrNull as opt, type Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { cast } from '../../ops/elementwise/cast.js';
import { div } from '../../ops/elementwise/div.js';
import { mul } from '../../ops/elementwise/mul.js';
import { square } from '../../ops/elementwise/square.js';
import { sub } from '../../ops/elementwise/sub.js';
import { where } from '../../ops/elementwise/where.js';
import { sum } from '../../ops/reduce/sum.js';
import { broadcastTo } from '../../ops/shape/broadcast-to.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { reshape } from '../../ops/shape/reshape.js';
import { batchNorm } from '../../ops/composite/batch-norm.js';
import { moments } from '../../ops/composite/moments.js';
import { Layer, type CallContext, type LayerArgs, type Mask, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { affineConfig, affineOptions, type AffineArgs } from './affine.js';
import { broadcastShapeOf, checkAxisArg, checkEpsilon, resolveAxes, singleShape, singleInput } from './norm-common.js';

export interface BatchNormalizationArgs extends LayerArgs, AffineArgs {
  /** The features axis (normalised per index along it). Default -1 (channels-last). */
  axis?: number;
  /** Weight of the old value in the moving statistics' update. Default 0.99 (PyTorch's momentum 0.01). */
  momentum?: number;
  epsilon?: number;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
}

/** Keras's backend.epsilon(), which keeps the masked mean finite when every step is masked. */
const MASKED_EPSILON = 1e-7;

/**
 * Keras BatchNormalization. Training (and trainable): normalises with the batch mean and biased
 * variance over every axis but `axis` (only unmasked steps when a mask comes with the input), and
 * moves the moving statistics toward them: moving = moving·momentum + batch·(1 − momentum), with
 * the biased variance (PyTorch stores the unbiased one). Inference: uses the moving statistics.
 * Weights: gamma, beta (trainable), movingMean, movingVariance (non-trainable), each [features].
 */
export class BatchNormalization extends Layer {
  readonly className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center!: boolean;
  readonly scale!: boolean;
  readonly betaInitializer!: Initializer;
  readonly gammaInitializer!: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer!: Regularizer | null;
  readonly gammaRegularizer!: Regularizer | null;
  readonly betaConstraint!: Constraint | null;
  readonly gammaConstraint!: Constraint | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean: Variable | null = null;
  movingVariance: Variable | null = null;
  private featureAxis = -1;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    this.axis = checkAxisArg('batchNormalization', args.axis ?? -1, false) as number;
    const momentum = args.momentum ?? 0.99;
    if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
      throw new OpError('batchNormalization', `momentum must be a number in [0, 1]. Received: momentum=${String(momentum)}`);
    }
    this.momentum = momentum;
    this.epsilon = checkEpsilon('batchNormalization', args.epsilon ?? 1e-3);
    Object.assign(this, affineOptions(args));
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer ?? 'ones');
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    const shape = singleShape(this.name, inputShape);
    this.featureAxis = resolveAxes(this.name, this.axis, shape)[0]!;
    const dim = [shape[this.featureAxis]!];
    if (this.scale) {
      this.gamma = this.addWeight('gamma', dim, { initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    }
    if (this.center) {
      this.beta = this.addWeight('beta', dim, { initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    }
    this.movingMean = this.addWeight('moving_mean', dim, { initializer: this.movingMeanInitializer, trainable: false });
    this.movingVariance = this.addWeight('moving_variance', dim, { initializer: this.movingVarianceInitializer, trainable: false });
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    let x = singleInput(this.name, inputs);
    if (!isFloat(x.dtype)) x = cast(x, 'float32');
    const axis = this.featureAxis;
    const dim = this.movingMean!.shape[0]!;
    if (x.rank <= axis || x.shape[axis] !== dim) {
      throw new OpError(this.name, `expected inputs with ${dim} features on axis ${axis}. Received: shape [${x.shape.join(',')}]`);
    }
    const bshape = broadcastShapeOf(x.shape, [axis]);
    const param = (v: Variable | null): Tensor | null => (v ? reshape(v, bshape) : null);
    let mean: Tensor;
    let variance: Tensor;
    if (ctx.training && this.trainable) {
      const reduce = x.shape.map((_, i) => i).filter((i) => i !== axis);
      const mask = Array.isArray(ctx.mask) ? ctx.mask[0] ?? null : ctx.mask;
      ({ mean, variance } = mask ? this.maskedMoments(x, mask, reduce) : moments(x, reduce, true));
      const m = this.momentum;
      const flat = (t: Tensor): Tensor => reshape(t, [dim]);
      this.movingMean!.assign(add(mul(this.movingMean!, m), mul(flat(mean), 1 - m)));
      this.movingVariance!.assign(add(mul(this.movingVariance!, m), mul(flat(variance), 1 - m)));
    } else {
      mean = param(this.movingMean)!;
      variance = param(this.movingVariance)!;
    }
    return batchNorm(x, mean, variance, param(this.beta), param(this.gamma), this.epsilon);
  }

  /** Mean and biased variance over the unmasked positions (Keras's `_moments` with a mask). */
  private maskedMoments(x: Tensor, mask: Tensor, reduce: number[]): { mean: Tensor; variance: Tensor } {
    if (mask.rank !== x.rank - 1) {
      throw new OpError(this.name, `the mask must have one dimension less than the inputs. Received: mask [${mask.shape.join(',')}], inputs [${x.shape.join(',')}]`);
    }
    const keep = expandDims(mask.dtype === 'bool' ? mask : cast(mask, 'bool'), -1);
    const count = add(sum(broadcastTo(cast(keep, x.dtype), x.shape), reduce, true), MASKED_EPSILON);
    const mean = div(sum(where(keep, x, 0), reduce, true), count);
    const variance = div(sum(where(keep, square(sub(x, mean)), 0), reduce, true), count);
    return { mean, variance };
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask {
    return Array.isArray(mask) ? mask[0] ?? null : mask;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      ...affineConfig(this),
      movingMeanInitializer: opt(this.movingMeanInitializer),
      movingVarianceInitializer: opt(this.movingVarianceInitializer),
    };
  }
}

registerLayer('BatchNormalization', BatchNormalization);
