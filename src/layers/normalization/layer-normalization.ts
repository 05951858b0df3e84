import { isFloat } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import type { Constraint } from '../../constraints/index.js';
import type { Initializer } from '../../initializers/index.js';
import type { Regularizer } from '../../regularizers/index.js';
import type { Config } from '../../io/serialization.js';
import { cast } from '../../ops/elementwise/cast.js';
import { layerNorm } from '../../ops/composite/layer-norm.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { affineConfig, affineOptions, type AffineArgs } from './affine.js';
import { checkAxisArg, checkEpsilon, resolveAxes, singleShape, type AxisArg, singleInput } from './norm-common.js';

export interface LayerNormalizationArgs extends LayerArgs, AffineArgs {
  /** The axis or axes normalised over, per sample. Default -1. */
  axis?: AxisArg;
  epsilon?: number;
}

/**
 * Keras LayerNormalization: (x − mean) / sqrt(variance + epsilon) · gamma + beta, the statistics
 * taken per sample over `axis`; gamma and beta span the normalised axes.
 */
export class LayerNormalization extends Layer {
  readonly className = 'LayerNormalization';
  readonly axis: AxisArg;
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
  private axes: number[] = [];

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    this.axis = checkAxisArg('layerNormalization', args.axis ?? -1, true);
    this.epsilon = checkEpsilon('layerNormalization', args.epsilon ?? 1e-3);
    Object.assign(this, affineOptions(args));
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    const shape = singleShape(this.name, inputShape);
    this.axes = resolveAxes(this.name, this.axis, shape);
    const dims = this.axes.map((a) => shape[a]!);
    if (this.scale) {
      this.gamma = this.addWeight('gamma', dims, { initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    }
    if (this.center) {
      this.beta = this.addWeight('beta', dims, { initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    }
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    let x = singleInput(this.name, inputs);
    if (!isFloat(x.dtype)) x = cast(x, 'float32');
    const dims = this.axes.map((a) => x.shape[a]);
    const built = this.gamma?.shape ?? this.beta?.shape ?? null;
    if (x.rank <= this.axes[this.axes.length - 1]! || (built && built.some((d, i) => d !== dims[i]))) {
      throw new OpError(this.name, `expected inputs of the shape the layer was built for on axes [${this.axes.join(',')}]. Received: shape [${x.shape.join(',')}]`);
    }
    return layerNorm(x, this.gamma, this.beta, { axis: this.axes, epsilon: this.epsilon });
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      axis: this.axis,
      epsilon: this.epsilon,
      ...affineConfig(this),
    };
  }
}

registerLayer('LayerNormalization', LayerNormalization);
