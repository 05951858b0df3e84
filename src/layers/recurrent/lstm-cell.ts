import type { Tensor, Variable } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { mul } from '../../ops/elementwise/mul.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { split } from '../../ops/shape/split.js';
import type { ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { DropoutRNNCell, denseInputDim, positiveInt, projectSequence, type DropoutCellArgs } from './dropout-rnn-cell.js';
import type { StepContext, StepResult } from './rnn-cell.js';
import { UnitForgetBias } from './unit-forget-bias.js';

export interface LSTMCellArgs extends DropoutCellArgs {
  units: number;
  /** The gates' activation (default sigmoid). */
  recurrentActivation?: ActivationIdentifier;
  /** Start the forget gate's bias at 1 (default true). */
  unitForgetBias?: boolean;
}

/**
 * The LSTM step (Keras LSTMCell): z = x·kernel + h₋₁·recurrentKernel + bias split into the gates
 * i, f, c, o; c = f·c₋₁ + i·act(z_c); h = o·act(c). Kernel [in, 4u], recurrent kernel [u, 4u],
 * bias [4u], each in gate order i, f, c, o (PyTorch's i, f, g, o).
 */
export class LSTMCell extends DropoutRNNCell {
  readonly className: string = 'LSTMCell';
  readonly units: number;
  readonly recurrentActivation: ActivationFn;
  readonly unitForgetBias: boolean;
  private readonly recurrentActivationId: ActivationIdentifier;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: LSTMCellArgs) {
    super('lstmCell', args);
    this.units = positiveInt('lstmCell', 'units', args.units);
    this.recurrentActivationId = args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation;
    this.recurrentActivation = getActivation(this.recurrentActivationId);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  get stateSize(): number[] {
    return [this.units, this.units];
  }

  override build(inputShape: ShapeArg): void {
    const inDim = denseInputDim(this.name, this.stepInputShape(inputShape));
    const u = this.units;
    this.kernel = this.addWeight('kernel', [inDim, 4 * u], this.kernelSettings);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 4 * u], this.recurrentSettings);
    if (this.useBias) {
      const initializer = this.unitForgetBias ? new UnitForgetBias(this.biasSettings.initializer) : this.biasSettings.initializer;
      this.bias = this.addWeight('bias', [4 * u], { ...this.biasSettings, initializer });
    }
  }

  override projectInputs(sequence: Tensor, training: boolean): Tensor {
    return projectSequence(this.name, this.dropInputs(sequence, training), this.kernel!, this.bias);
  }

  step(projected: Tensor, states: Tensor[], ctx: StepContext): StepResult {
    const [h, c] = states as [Tensor, Tensor];
    const hIn = ctx.recurrentMask ? mul(h, ctx.recurrentMask) : h;
    const [zi, zf, zc, zo] = split(add(projected, matmul(hIn, this.recurrentKernel!)), 4, -1) as [Tensor, Tensor, Tensor, Tensor];
    const ra = this.recurrentActivation;
    const cNext = add(mul(ra(zf), c), mul(ra(zi), this.activation(zc)));
    const hNext = mul(ra(zo), this.activation(cNext));
    return { output: hNext, states: [hNext, cNext] };
  }

  cellConfig(): Config {
    return {
      units: this.units,
      ...this.sharedConfig(),
      recurrentActivation: activationName(this.recurrentActivationId, this.name),
      unitForgetBias: this.unitForgetBias,
    };
  }
}

registerLayer('LSTMCell', LSTMCell);
