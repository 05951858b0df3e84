import type { Tensor, Variable } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { mul } from '../../ops/elementwise/mul.js';
import { sub } from '../../ops/elementwise/sub.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { reshape } from '../../ops/shape/reshape.js';
import { sliceAxis } from '../../ops/shape/slice.js';
import { split } from '../../ops/shape/split.js';
import type { ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { DropoutRNNCell, denseInputDim, positiveInt, projectSequence, type DropoutCellArgs } from './dropout-rnn-cell.js';
import type { StepContext, StepResult } from './rnn-cell.js';

/** The GRU's per-sequence constants: its recurrent bias row and, with resetAfter false, the kernel's parts. */
interface GRUStepContext extends StepContext {
  recurrentBias: Tensor | null;
  /** resetAfter false: recurrent kernel columns of z and r, and of the candidate. */
  gatesKernel: Tensor | null;
  candidateKernel: Tensor | null;
}

export interface GRUCellArgs extends DropoutCellArgs {
  units: number;
  /** The gates' activation (default sigmoid). */
  recurrentActivation?: ActivationIdentifier;
  /**
   * Apply the reset gate after the recurrent matmul (default true: PyTorch's and cuDNN's GRU, with
   * separate input and recurrent biases, bias [2, 3u]); false: before it, bias [3u].
   */
  resetAfter?: boolean;
}

/**
 * The GRU step (Keras GRUCell): gates z (update), r (reset), h (candidate) in that order along the
 * kernel [in, 3u] and recurrent kernel [u, 3u] columns; h = z·h₋₁ + (1 − z)·candidate.
 * PyTorch's GRU (gates r, z, n) is this cell with resetAfter = true.
 */
export class GRUCell extends DropoutRNNCell {
  readonly className: string = 'GRUCell';
  readonly units: number;
  readonly recurrentActivation: ActivationFn;
  readonly resetAfter: boolean;
  private readonly recurrentActivationId: ActivationIdentifier;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: GRUCellArgs) {
    super('gruCell', args);
    this.units = positiveInt('gruCell', 'units', args.units);
    this.recurrentActivationId = args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation;
    this.recurrentActivation = getActivation(this.recurrentActivationId);
    this.resetAfter = args.resetAfter ?? true;
  }

  get stateSize(): number[] {
    return [this.units];
  }

  override build(inputShape: ShapeArg): void {
    const inDim = denseInputDim(this.name, this.stepInputShape(inputShape));
    const u = this.units;
    this.kernel = this.addWeight('kernel', [inDim, 3 * u], this.kernelSettings);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 3 * u], this.recurrentSettings);
    if (this.useBias) this.bias = this.addWeight('bias', this.resetAfter ? [2, 3 * u] : [3 * u], this.biasSettings);
  }

  /** The input bias (row 0 with resetAfter) and the recurrent bias (row 1, or null). */
  private biases(): [Tensor | null, Tensor | null] {
    if (!this.bias) return [null, null];
    if (!this.resetAfter) return [this.bias, null];
    const [input, recurrent] = split(this.bias, 2, 0) as [Tensor, Tensor];
    return [reshape(input, [3 * this.units]), recurrent];
  }

  override projectInputs(sequence: Tensor, training: boolean): Tensor {
    return projectSequence(this.name, this.dropInputs(sequence, training), this.kernel!, this.biases()[0]);
  }

  override startSequence(initialStates: Tensor[], training: boolean): GRUStepContext {
    const rk = this.recurrentKernel!;
    const u = this.units;
    return {
      ...super.startSequence(initialStates, training),
      recurrentBias: this.biases()[1],
      gatesKernel: this.resetAfter ? null : sliceAxis(rk, 1, 0, 2 * u),
      candidateKernel: this.resetAfter ? null : sliceAxis(rk, 1, 2 * u, 3 * u),
    };
  }

  step(projected: Tensor, states: Tensor[], stepContext: StepContext): StepResult {
    const ctx = stepContext as GRUStepContext;
    const h = states[0]!;
    const hIn = ctx.recurrentMask ? mul(h, ctx.recurrentMask) : h;
    const ra = this.recurrentActivation;
    const [xz, xr, xh] = split(projected, 3, -1) as [Tensor, Tensor, Tensor];
    let candidate: Tensor;
    let z: Tensor;
    if (this.resetAfter) {
      let inner = matmul(hIn, this.recurrentKernel!);
      if (ctx.recurrentBias) inner = add(inner, ctx.recurrentBias);
      const [hz, hr, hh] = split(inner, 3, -1) as [Tensor, Tensor, Tensor];
      z = ra(add(xz, hz));
      const r = ra(add(xr, hr));
      candidate = this.activation(add(xh, mul(r, hh)));
    } else {
      const [hz, hr] = split(matmul(hIn, ctx.gatesKernel!), 2, -1) as [Tensor, Tensor];
      z = ra(add(xz, hz));
      const r = ra(add(xr, hr));
      candidate = this.activation(add(xh, matmul(mul(r, hIn), ctx.candidateKernel!)));
    }
    // z·h + (1 − z)·candidate, as candidate + z·(h − candidate): one op fewer per step.
    const next = add(candidate, mul(z, sub(h, candidate)));
    return { output: next, states: [next] };
  }

  cellConfig(): Config {
    return {
      units: this.units,
      ...this.sharedConfig(),
      recurrentActivation: activationName(this.recurrentActivationId, this.name),
      resetAfter: this.resetAfter,
    };
  }
}

registerLayer('GRUCell', GRUCell);
