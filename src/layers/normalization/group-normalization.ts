import { isFloat } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import type { Constraint } from '../../constraints/index.js';
import type { Initializer } from '../../initializers/index.js';
import type { Regularizer } from '../../regularizers/index.js';
import type { Config } from '../../io/serialization.js';
import { cast } from '../../ops/elementwise/cast.js';
import { reshape } from '../../ops/shape/reshape.js';
import { batchNorm } from '../../ops/composite/batch-norm.js';
import { moments } from '../../ops/composite/moments.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { affineConfig, affineOptions, type AffineArgs } from './affine.js';
import { checkAxisArg, checkEpsilon, resolveAxes, singleShape, singleInput } from './norm-common.js';

export interface GroupNormalizationArgs extends LayerArgs, AffineArgs {
  /** Number of channel groups; -1 = one group per channel (instance normalization). Default 32. */
  groups?: number;
  /** The channels axis. Default -1. */
  axis?: number;
  epsilon?: number;
}

/**
 * Keras GroupNormalization: the channels are split into `groups` groups of consecutive channels;
 * each sample is normalised per group over the group's channels and every other non-batch axis,
 * then scaled by gamma and shifted by beta (per channel).
 */
export class GroupNormalization extends Layer {
  readonly className = 'GroupNormalization';
  readonly groups: number;
  readonly axis: number;
  readonly epsilon: number;
  readonly center!: boolean;
  readonly scale!: boolean;
  readonly betaInitializer!: Initializer;
  readonly gammaInitializer!: Initializer;
  readonly betaRegularizer!: Regularizer | null;
  readonly gammaRegularizer!: Regularizer | null;
  readonly betaConstraint!: Constraint | null;
  readonly gammaConstraint!: Constraint | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  private channelAxis = -1;
  private groupCount = 0;
  private channels = 0;

  constructor(args: GroupNormalizationArgs = {}) {
    super(args);
    const groups = args.groups ?? 32;
    if (!Number.isInteger(groups) || (groups <= 0 && groups !== -1)) {
      throw new OpError('groupNormalization', `groups must be a positive integer (or -1 for instance normalization). Received: groups=${String(groups)}`);
    }
    this.groups = groups;
    this.axis = checkAxisArg('groupNormalization', args.axis ?? -1, false) as number;
    this.epsilon = checkEpsilon('groupNormalization', args.epsilon ?? 1e-3);
    Object.assign(this, affineOptions(args));
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    const shape = singleShape(this.name, inputShape);
    this.channelAxis = resolveAxes(this.name, this.axis, shape)[0]!;
    const dim = shape[this.channelAxis]!;
    const groups = this.groups === -1 ? dim : this.groups;
    if (dim < groups) throw new OpError(this.name, `groups (${groups}) cannot be more than the number of channels. Received: ${dim} channels`);
    if (dim % groups !== 0) throw new OpError(this.name, `the number of channels must be a multiple of groups (${groups}). Received: ${dim} channels`);
    this.groupCount = groups;
    this.channels = dim;
    if (this.scale) {
      this.gamma = this.addWeight('gamma', [dim], { initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    }
    if (this.center) {
      this.beta = this.addWeight('beta', [dim], { initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    }
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    let x = singleInput(this.name, inputs);
    if (!isFloat(x.dtype)) x = cast(x, 'float32');
    const axis = this.channelAxis;
    const g = this.groupCount;
    const dim = this.channels;
    if (x.rank <= axis || x.shape[axis] !== dim) {
      throw new OpError(this.name, `expected inputs with ${dim} channels on axis ${axis}. Received: shape [${x.shape.join(',')}]`);
    }
    // [..., C, ...] → [..., G, C/G, ...]: statistics over every axis but the batch and the group.
    const grouped = [...x.shape.slice(0, axis), g, dim / g, ...x.shape.slice(axis + 1)];
    const xg = reshape(x, grouped);
    const reduce = grouped.map((_, i) => i).filter((i) => i !== 0 && i !== axis);
    const { mean, variance } = moments(xg, reduce, true);
    const paramShape = grouped.map((d, i) => (i === axis || i === axis + 1 ? d : 1));
    const param = (v: Variable | null): Tensor | null => (v ? reshape(v, paramShape) : null);
    return reshape(batchNorm(xg, mean, variance, param(this.beta), param(this.gamma), this.epsilon), x.shape);
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      groups: this.groups,
      axis: this.axis,
      epsilon: this.epsilon,
      ...affineConfig(this),
    };
  }
}

registerLayer('GroupNormalization', GroupNormalization);
