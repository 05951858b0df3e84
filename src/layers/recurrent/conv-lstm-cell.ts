import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { mul } from '../../ops/elementwise/mul.js';
import { convWith } from '../../ops/conv/conv.js';
import { reshape } from '../../ops/shape/reshape.js';
import { split } from '../../ops/shape/split.js';
import { checkDataFormat, checkSpatialShape, checkWindowFits, intTuple, knownChannels, paddingMode, type DataFormat, type IntOrTuple } from '../convolutional/conv-args.js';
import type { ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { SymbolicShape } from '../symbolic.js';
import { DropoutRNNCell, positiveInt, type DropoutCellArgs } from './dropout-rnn-cell.js';
import type { StepContext, StepResult } from './rnn-cell.js';
import { UnitForgetBias } from './unit-forget-bias.js';

export interface ConvLSTMCellOptions extends DropoutCellArgs {
  filters: number;
  kernelSize: IntOrTuple;
  strides?: IntOrTuple;
  /** Of the input convolution ('valid' default, or 'same'); the recurrent one is always 'same'. */
  padding?: 'valid' | 'same';
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
  dilationRate?: IntOrTuple;
  recurrentActivation?: ActivationIdentifier;
  unitForgetBias?: boolean;
}

export interface ConvLSTMCellArgs extends ConvLSTMCellOptions {
  /** Number of spatial axes: 1, 2 or 3. */
  rank: number;
}

const fmt = (s: SymbolicShape): string => `[${s.map((d) => d ?? 'None').join(',')}]`;

/**
 * The convolutional LSTM step (Keras ConvLSTMCell): the LSTM gates i, f, c, o computed by
 * convolutions, the input's with the layer's strides / padding / dilation (all steps at once, time
 * folded into the batch) and the state's with stride 1 and 'same' padding. Kernel
 * [k..., in, 4·filters], recurrent kernel [k..., filters, 4·filters], bias [4·filters].
 */
export class ConvLSTMCell extends DropoutRNNCell {
  readonly className: string = 'ConvLSTMCell';
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: 'channels_last';
  readonly dilationRate: number[];
  readonly recurrentActivation: ActivationFn;
  readonly unitForgetBias: boolean;
  private readonly recurrentActivationId: ActivationIdentifier;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: ConvLSTMCellArgs) {
    const kind = `convLSTM${args.rank}d`;
    super(kind, args);
    if (![1, 2, 3].includes(args.rank)) throw new OpError('convLSTMCell', `rank must be 1, 2 or 3. Received: rank=${String(args.rank)}`);
    this.rank = args.rank;
    this.filters = positiveInt(kind, 'filters', args.filters);
    this.kernelSize = intTuple(kind, 'kernelSize', args.kernelSize, this.rank);
    this.strides = intTuple(kind, 'strides', args.strides ?? 1, this.rank);
    this.dilationRate = intTuple(kind, 'dilationRate', args.dilationRate ?? 1, this.rank);
    if (Math.max(...this.strides) > 1 && Math.max(...this.dilationRate) > 1) {
      throw new OpError(kind, `strides > 1 cannot be combined with dilationRate > 1. Received: strides=${JSON.stringify(this.strides)}, dilationRate=${JSON.stringify(this.dilationRate)}`);
    }
    this.padding = paddingMode<'valid' | 'same'>(kind, args.padding, ['valid', 'same']);
    this.dataFormat = checkDataFormat(kind, args.dataFormat);
    this.recurrentActivationId = args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation;
    this.recurrentActivation = getActivation(this.recurrentActivationId);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  get stateSize(): number[] {
    return [this.filters, this.filters];
  }

  /** [out spatial..., filters] for both states, from the per-step input [batch, spatial..., channels]. */
  override stateShapes(stepInputShape: SymbolicShape): number[][] {
    const spatial = stepInputShape.slice(1, -1);
    const out = spatial.map((n, i) => {
      if (n === null) throw new OpError(this.name, `the spatial dimensions of the input must be known. Received: step input shape ${fmt(stepInputShape)}`);
      const extent = (this.kernelSize[i]! - 1) * this.dilationRate[i]! + 1;
      const size = this.padding === 'same' ? Math.ceil(n / this.strides[i]!) : Math.floor((n - extent) / this.strides[i]!) + 1;
      if (size < 1) throw new OpError(this.name, `the input is smaller than the kernel along spatial axis ${i}. Received: step input shape ${fmt(stepInputShape)}`);
      return size;
    });
    return [[...out, this.filters], [...out, this.filters]];
  }

  override build(inputShape: ShapeArg): void {
    const shape = checkSpatialShape(this.name, this.stepInputShape(inputShape), this.rank);
    const channels = knownChannels(this.name, shape);
    this.stateShapes(shape);
    checkWindowFits(this.name, shape, this.padding, this.kernelSize, this.dilationRate);
    const f = this.filters;
    this.kernel = this.addWeight('kernel', [...this.kernelSize, channels, 4 * f], this.kernelSettings);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [...this.kernelSize, f, 4 * f], this.recurrentSettings);
    if (this.useBias) {
      const initializer = this.unitForgetBias ? new UnitForgetBias(this.biasSettings.initializer) : this.biasSettings.initializer;
      this.bias = this.addWeight('bias', [4 * f], { ...this.biasSettings, initializer });
    }
  }

  /** The input convolution of every step at once: [batch, time, spatial..., C] → [batch, time, out..., 4·filters]. */
  override projectInputs(sequence: Tensor, training: boolean): Tensor {
    const channels = this.kernel!.shape[this.rank]!;
    if (sequence.rank !== this.rank + 3 || sequence.shape[sequence.rank - 1] !== channels) {
      throw new OpError(this.name, `expected sequences [batch, time, ${this.rank} spatial axes, ${channels}]. Received: shape ${fmt(sequence.shape)}`);
    }
    const [batch, time] = sequence.shape as [number, number];
    const x = reshape(this.dropInputs(sequence, training), [batch * time, ...sequence.shape.slice(2)]);
    let z = convWith(this.name, x, this.kernel!, { strides: this.strides, padding: this.padding, dilations: this.dilationRate }, this.rank);
    if (this.bias) z = add(z, this.bias);
    return reshape(z, [batch, time, ...z.shape.slice(1)]);
  }

  step(projected: Tensor, states: Tensor[], ctx: StepContext): StepResult {
    const [h, c] = states as [Tensor, Tensor];
    const hIn = ctx.recurrentMask ? mul(h, ctx.recurrentMask) : h;
    const recurrent = convWith(this.name, hIn, this.recurrentKernel!, { padding: 'same' }, this.rank);
    const [zi, zf, zc, zo] = split(add(projected, recurrent), 4, -1) as [Tensor, Tensor, Tensor, Tensor];
    const ra = this.recurrentActivation;
    const cNext = add(mul(ra(zf), c), mul(ra(zi), this.activation(zc)));
    const hNext = mul(ra(zo), this.activation(cNext));
    return { output: hNext, states: [hNext, cNext] };
  }

  /** The keys a ConvLSTM layer shares with its cell (the cell adds `rank`). */
  layerConfig(): Config {
    return {
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      ...this.sharedConfig(),
      recurrentActivation: activationName(this.recurrentActivationId, this.name),
      unitForgetBias: this.unitForgetBias,
    };
  }

  cellConfig(): Config {
    return { rank: this.rank, ...this.layerConfig() };
  }
}

registerLayer('ConvLSTMCell', ConvLSTMCell);
