import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { serializeOrNull, type Config } from '../../io/serialization.js';
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../../constraints/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type Regularizer, type RegularizerIdentifier } from '../../regularizers/index.js';
import { add } from '../../ops/elementwise/add.js';
import { minimum } from '../../ops/elementwise/minimum.js';
import { mul } from '../../ops/elementwise/mul.js';
import { relu } from '../../ops/elementwise/relu.js';
import { shown, singleInput } from '../core/layer-args.js';
import { Layer, isShapeList, type LayerArgs, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface PReLUArgs extends LayerArgs {
  /** Initial slopes. Default 'zeros' (starts as a plain ReLU). */
  alphaInitializer?: InitializerIdentifier;
  alphaRegularizer?: RegularizerIdentifier | null;
  alphaConstraint?: ConstraintIdentifier | null;
  /** Axes (1-based, batch excluded) sharing one slope, e.g. [1, 2] for one slope per channel of images. */
  sharedAxes?: number | number[] | null;
}

/** Leaky ReLU with a learned slope per input unit: max(x, 0) + alpha·min(x, 0). */
export class PReLU extends Layer {
  readonly className = 'PReLU';
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | null;
  readonly alphaConstraint: Constraint | null;
  readonly sharedAxes: number[] | null;
  alpha: Variable | null = null;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.alphaInitializer = getInitializer(args.alphaInitializer ?? 'zeros');
    this.alphaRegularizer = args.alphaRegularizer ? getRegularizer(args.alphaRegularizer) : null;
    this.alphaConstraint = args.alphaConstraint ? getConstraint(args.alphaConstraint) : null;
    const shared = args.sharedAxes ?? null;
    const list = shared === null ? null : Array.isArray(shared) ? [...shared] : [shared];
    if (list && !list.every((a) => Number.isInteger(a) && a >= 1)) {
      throw new OpError('pReLU', `sharedAxes must be axes ≥ 1 (1-based, the batch axis excluded). Received: sharedAxes=${shown(shared)}`);
    }
    this.sharedAxes = list;
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    if (isShapeList(inputShape)) throw new OpError(this.name, 'takes one input. Received: a list of inputs');
    const inShape = `[${inputShape.map((d) => d ?? 'None').join(',')}]`;
    if (this.sharedAxes?.some((a) => a >= inputShape.length)) {
      throw new OpError(this.name, `sharedAxes ${shown(this.sharedAxes)} must be axes of the input. Received: input shape ${inShape}`);
    }
    const shape = inputShape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    if (shape.some((d) => d === null)) {
      throw new OpError(this.name, `needs known sizes on the axes not in sharedAxes. Received: input shape ${inShape}`);
    }
    this.alpha = this.addWeight('alpha', shape as number[], {
      initializer: this.alphaInitializer, regularizer: this.alphaRegularizer, constraint: this.alphaConstraint,
    });
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = singleInput(this.name, inputs);
    return add(relu(x), mul(this.alpha!, minimum(x, 0)));
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      alphaInitializer: serializeOrNull(this.alphaInitializer),
      alphaRegularizer: serializeOrNull(this.alphaRegularizer),
      alphaConstraint: serializeOrNull(this.alphaConstraint),
      sharedAxes: this.sharedAxes ? [...this.sharedAxes] : null,
    };
  }
}

registerLayer('PReLU', PReLU);
