import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../../constraints/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type Regularizer, type RegularizerIdentifier } from '../../regularizers/index.js';
import { serializeOrNull as opt, type Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { reshape } from '../../ops/shape/reshape.js';
import { Layer, isShapeList, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface DenseArgs extends LayerArgs {
  units: number;
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/** `activation(x · kernel + bias)` over the last axis; kernel [in, units] (Keras layout). */
export class Dense extends Layer {
  readonly className = 'Dense';
  readonly units: number;
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  private readonly activationId: ActivationIdentifier;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: DenseArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new OpError('dense', `units must be an integer ≥ 1. Received: units=${String(args.units)}`);
    }
    this.units = args.units;
    this.activationId = args.activation ?? null;
    this.activation = getActivation(this.activationId);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = args.kernelRegularizer ? getRegularizer(args.kernelRegularizer) : null;
    this.biasRegularizer = args.biasRegularizer ? getRegularizer(args.biasRegularizer) : null;
    this.kernelConstraint = args.kernelConstraint ? getConstraint(args.kernelConstraint) : null;
    this.biasConstraint = args.biasConstraint ? getConstraint(args.biasConstraint) : null;
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    if (isShapeList(inputShape)) throw new OpError(this.name, 'dense takes one input. Received: a list');
    const inDim = inputShape[inputShape.length - 1];
    if (inDim === null || inDim === undefined) {
      throw new OpError(this.name, `the last input dimension must be known. Received: input shape [${inputShape.map((d) => d ?? 'None').join(',')}]`);
    }
    this.kernel = this.addWeight('kernel', [inDim, this.units], {
      initializer: this.kernelInitializer, regularizer: this.kernelRegularizer, constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.units], {
        initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint,
      });
    }
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const inDim = this.kernel!.shape[0]!;
    if (x.shape[x.rank - 1] !== inDim) {
      throw new OpError(this.name, `expected inputs with last dimension ${inDim}. Received: shape [${x.shape.join(',')}]`);
    }
    // Rank > 2: one 2D matmul over all leading positions (one Gemm-shaped MatMul in ONNX).
    const flat = x.rank === 2 ? x : reshape(x, [-1, inDim]);
    let y = matmul(flat, this.kernel!);
    if (this.bias) y = add(y, this.bias);
    y = this.activation(y);
    return x.rank === 2 ? y : reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activationName(this.activationId, this.name),
      useBias: this.useBias,
      kernelInitializer: opt(this.kernelInitializer),
      biasInitializer: opt(this.biasInitializer),
      kernelRegularizer: opt(this.kernelRegularizer),
      biasRegularizer: opt(this.biasRegularizer),
      kernelConstraint: opt(this.kernelConstraint),
      biasConstraint: opt(this.biasConstraint),
    };
  }
}

registerLayer('Dense', Dense);
