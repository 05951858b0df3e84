import type { Tensor, Variable } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { mul } from '../../ops/elementwise/mul.js';
import { matmul } from '../../ops/linalg/matmul.js';
import type { ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { DropoutRNNCell, denseInputDim, positiveInt, projectSequence, type DropoutCellArgs } from './dropout-rnn-cell.js';
import type { StepContext, StepResult } from './rnn-cell.js';

export interface SimpleRNNCellArgs extends DropoutCellArgs {
  units: number;
}

/**
 * The fully connected recurrent step `h = activation(x·kernel + bias + h₋₁·recurrentKernel)`
 * (Keras SimpleRNNCell): kernel [in, units], recurrent kernel [units, units], bias [units].
 */
export class SimpleRNNCell extends DropoutRNNCell {
  readonly className: string = 'SimpleRNNCell';
  readonly units: number;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: SimpleRNNCellArgs) {
    super('simpleRNNCell', args);
    this.units = positiveInt('simpleRNNCell', 'units', args.units);
  }

  get stateSize(): number[] {
    return [this.units];
  }

  override build(inputShape: ShapeArg): void {
    const inDim = denseInputDim(this.name, this.stepInputShape(inputShape));
    this.kernel = this.addWeight('kernel', [inDim, this.units], this.kernelSettings);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, this.units], this.recurrentSettings);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], this.biasSettings);
  }

  override projectInputs(sequence: Tensor, training: boolean): Tensor {
    return projectSequence(this.name, this.dropInputs(sequence, training), this.kernel!, this.bias);
  }

  step(projected: Tensor, states: Tensor[], ctx: StepContext): StepResult {
    const h = ctx.recurrentMask ? mul(states[0]!, ctx.recurrentMask) : states[0]!;
    const out = this.activation(add(projected, matmul(h, this.recurrentKernel!)));
    return { output: out, states: [out] };
  }

  cellConfig(): Config {
    return { units: this.units, ...this.sharedConfig() };
  }
}

registerLayer('SimpleRNNCell', SimpleRNNCell);
