/**
 * The separable convolution layers SeparableConv1D and SeparableConv2D (Keras BaseSeparableConv):
 * a depthwise convolution (kernel [k..., in, depthMultiplier], with the strides, padding and
 * dilation) followed by a pointwise one (kernel [1..., in·depthMultiplier, filters]), bias, activation.
 */
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { reshape } from '../../ops/shape/reshape.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { checkDepthMultiplier, depthwiseConv } from './base-depthwise-conv.js';
import {
  checkChannels, checkDataFormat, checkWindowFits, checkSpatialShape, intTuple, knownChannels, paddingMode, singleInput,
  weightSettings, weightSettingsConfig, type DataFormat, type IntOrTuple, type WeightSettings,
} from './conv-args.js';

export interface SeparableConvArgs extends LayerArgs {
  filters: number;
  kernelSize: IntOrTuple;
  strides?: IntOrTuple;
  padding?: 'valid' | 'same';
  dataFormat?: DataFormat;
  dilationRate?: IntOrTuple;
  /** Depthwise output channels per input channel. Default 1. */
  depthMultiplier?: number;
  activation?: ActivationIdentifier;
  useBias?: boolean;
  depthwiseInitializer?: InitializerIdentifier;
  pointwiseInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  pointwiseRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
  pointwiseConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

export abstract class BaseSeparableConv extends Layer {
  readonly rank: number;
  readonly depthMultiplier: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: 'channels_last';
  readonly dilationRate: number[];
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly depthwiseSettings: WeightSettings;
  readonly pointwiseSettings: WeightSettings;
  readonly biasSettings: WeightSettings;
  private readonly activationId: ActivationIdentifier;
  depthwiseKernel: Variable | null = null;
  pointwiseKernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(rank: number, kind: string, args: SeparableConvArgs) {
    super(args);
    this.rank = rank;
    if (!Number.isInteger(args.filters) || args.filters < 1) {
      throw new OpError(kind, `filters must be an integer ≥ 1. Received: filters=${String(args.filters)}`);
    }
    this.filters = args.filters;
    this.depthMultiplier = checkDepthMultiplier(kind, args.depthMultiplier);
    this.kernelSize = intTuple(kind, 'kernelSize', args.kernelSize, rank);
    this.strides = intTuple(kind, 'strides', args.strides ?? 1, rank);
    this.dilationRate = intTuple(kind, 'dilationRate', args.dilationRate ?? 1, rank);
    this.padding = paddingMode(kind, args.padding, ['valid', 'same'] as const);
    this.dataFormat = checkDataFormat(kind, args.dataFormat);
    this.activationId = args.activation ?? null;
    this.activation = getActivation(this.activationId);
    this.useBias = args.useBias ?? true;
    this.depthwiseSettings = weightSettings(args.depthwiseInitializer, 'glorotUniform', args.depthwiseRegularizer, args.depthwiseConstraint);
    this.pointwiseSettings = weightSettings(args.pointwiseInitializer, 'glorotUniform', args.pointwiseRegularizer, args.pointwiseConstraint);
    this.biasSettings = weightSettings(args.biasInitializer, 'zeros', args.biasRegularizer, args.biasConstraint);
  }

  override build(inputShape: ShapeArg): void {
    const shape = checkSpatialShape(this.name, inputShape, this.rank);
    const channels = knownChannels(this.name, shape);
    checkWindowFits(this.name, shape, this.padding, this.kernelSize, this.dilationRate);
    const ones = this.kernelSize.map(() => 1);
    this.depthwiseKernel = this.addWeight('depthwise_kernel', [...this.kernelSize, channels, this.depthMultiplier], this.depthwiseSettings);
    this.pointwiseKernel = this.addWeight('pointwise_kernel', [...ones, channels * this.depthMultiplier, this.filters], this.pointwiseSettings);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasSettings);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkChannels(this.name, x, this.rank, this.depthwiseKernel!.shape[this.rank]!);
    checkWindowFits(this.name, x.shape, this.padding, this.kernelSize, this.dilationRate);
    const d = depthwiseConv(this.name, x, this.depthwiseKernel!, { strides: this.strides, padding: this.padding, dilations: this.dilationRate }, this.rank);
    // The pointwise (1×1) convolution is one matmul over every position.
    const mid = d.shape[d.rank - 1]!;
    let y = matmul(reshape(d, [-1, mid]), reshape(this.pointwiseKernel!, [mid, this.filters]));
    if (this.bias) y = add(y, this.bias);
    y = reshape(y, [...d.shape.slice(0, -1), this.filters]);
    return this.activation(y);
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      activation: activationName(this.activationId, this.name),
      useBias: this.useBias,
      ...weightSettingsConfig('depthwise', this.depthwiseSettings),
      ...weightSettingsConfig('pointwise', this.pointwiseSettings),
      ...weightSettingsConfig('bias', this.biasSettings),
    };
  }
}
