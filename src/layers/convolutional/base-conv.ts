/**
 * The convolution layers Conv1D, Conv2D and Conv3D (Keras BaseConv): a kernel
 * [k..., in/groups, filters] cross-correlated with channels-last inputs, plus bias and activation.
 */
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { convWith } from '../../ops/conv/conv.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import {
  checkChannels, checkDataFormat, checkWindowFits, checkSpatialShape, intTuple, knownChannels, paddingMode, singleInput,
  weightSettings, weightSettingsConfig, type ConvPadding, type DataFormat, type IntOrTuple, type WeightSettings,
} from './conv-args.js';

export interface ConvArgs extends LayerArgs {
  /** Number of output channels. */
  filters: number;
  kernelSize: IntOrTuple;
  strides?: IntOrTuple;
  /** 'valid' (default), 'same' (TF rule: the odd padding cell goes after), 'causal' (Conv1D only). */
  padding?: ConvPadding;
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
  dilationRate?: IntOrTuple;
  /** Input and output channels split into this many independent blocks. */
  groups?: number;
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

export abstract class BaseConv extends Layer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: ConvPadding;
  readonly dataFormat: 'channels_last';
  readonly dilationRate: number[];
  readonly groups: number;
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelSettings: WeightSettings;
  readonly biasSettings: WeightSettings;
  private readonly activationId: ActivationIdentifier;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(rank: number, kind: string, args: ConvArgs) {
    super(args);
    this.rank = rank;
    if (!Number.isInteger(args.filters) || args.filters < 1) {
      throw new OpError(kind, `filters must be an integer ≥ 1. Received: filters=${String(args.filters)}`);
    }
    this.filters = args.filters;
    this.kernelSize = intTuple(kind, 'kernelSize', args.kernelSize, rank);
    this.strides = intTuple(kind, 'strides', args.strides ?? 1, rank);
    this.dilationRate = intTuple(kind, 'dilationRate', args.dilationRate ?? 1, rank);
    this.padding = paddingMode<ConvPadding>(kind, args.padding, rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same']);
    this.dataFormat = checkDataFormat(kind, args.dataFormat);
    this.groups = args.groups ?? 1;
    if (!Number.isInteger(this.groups) || this.groups < 1) {
      throw new OpError(kind, `groups must be an integer ≥ 1. Received: groups=${String(args.groups)}`);
    }
    if (this.filters % this.groups !== 0) {
      throw new OpError(kind, `filters must be divisible by groups. Received: filters=${this.filters}, groups=${this.groups}`);
    }
    this.activationId = args.activation ?? null;
    this.activation = getActivation(this.activationId);
    this.useBias = args.useBias ?? true;
    this.kernelSettings = weightSettings(args.kernelInitializer, 'glorotUniform', args.kernelRegularizer, args.kernelConstraint);
    this.biasSettings = weightSettings(args.biasInitializer, 'zeros', args.biasRegularizer, args.biasConstraint);
  }

  override build(inputShape: ShapeArg): void {
    const shape = checkSpatialShape(this.name, inputShape, this.rank);
    const channels = knownChannels(this.name, shape);
    checkWindowFits(this.name, shape, this.padding, this.kernelSize, this.dilationRate);
    if (channels % this.groups !== 0) {
      throw new OpError(this.name, `the input channels must be divisible by groups (${this.groups}). Received: input shape [${shape.map((d) => d ?? 'None').join(',')}]`);
    }
    this.kernel = this.addWeight('kernel', [...this.kernelSize, channels / this.groups, this.filters], this.kernelSettings);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasSettings);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkChannels(this.name, x, this.rank, this.kernel!.shape[this.rank]! * this.groups);
    checkWindowFits(this.name, x.shape, this.padding, this.kernelSize, this.dilationRate);
    let y = convWith(this.name, x, this.kernel!, {
      strides: this.strides, padding: this.padding, dilations: this.dilationRate, groups: this.groups,
    }, this.rank);
    if (this.bias) y = add(y, this.bias);
    return this.activation(y);
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      groups: this.groups,
      activation: activationName(this.activationId, this.name),
      useBias: this.useBias,
      ...weightSettingsConfig('kernel', this.kernelSettings),
      ...weightSettingsConfig('bias', this.biasSettings),
    };
  }
}
