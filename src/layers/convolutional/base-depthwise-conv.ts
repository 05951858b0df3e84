/**
 * The depthwise convolution layers DepthwiseConv1D and DepthwiseConv2D (Keras BaseDepthwiseConv):
 * each input channel c is convolved with its own `depthMultiplier` filters; output channel
 * c·depthMultiplier + j. Kernel [k..., in, depthMultiplier] (Keras layout).
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
import { reshape } from '../../ops/shape/reshape.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import {
  checkChannels, checkDataFormat, checkWindowFits, checkSpatialShape, intTuple, knownChannels, paddingMode, singleInput,
  weightSettings, weightSettingsConfig, type DataFormat, type IntOrTuple, type WeightSettings,
} from './conv-args.js';

export interface DepthwiseConvArgs extends LayerArgs {
  kernelSize: IntOrTuple;
  strides?: IntOrTuple;
  padding?: 'valid' | 'same';
  /** Output channels per input channel. Default 1. */
  depthMultiplier?: number;
  dataFormat?: DataFormat;
  dilationRate?: IntOrTuple;
  activation?: ActivationIdentifier;
  useBias?: boolean;
  depthwiseInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

export interface DepthwiseOptions {
  strides: readonly number[];
  padding: 'valid' | 'same';
  dilations: readonly number[];
}

/**
 * Depthwise convolution with a Keras kernel [k..., C, m]: a grouped convolution (groups = C) with
 * the kernel viewed as [k..., 1, C·m], whose channel c·m + j is exactly Keras's (c, j).
 */
export function depthwiseConv(layer: string, x: Tensor, kernel: Tensor, opts: DepthwiseOptions, rank: number): Tensor {
  const k = kernel.shape;
  const channels = k[rank]!;
  const grouped = reshape(kernel, [...k.slice(0, rank), 1, channels * k[rank + 1]!]);
  return convWith(layer, x, grouped, { ...opts, groups: channels }, rank);
}

export function checkDepthMultiplier(kind: string, value: number | undefined): number {
  const m = value ?? 1;
  if (!Number.isInteger(m) || m < 1) throw new OpError(kind, `depthMultiplier must be an integer ≥ 1. Received: depthMultiplier=${String(value)}`);
  return m;
}

export abstract class BaseDepthwiseConv extends Layer {
  readonly rank: number;
  readonly depthMultiplier: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: 'channels_last';
  readonly dilationRate: number[];
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly depthwiseSettings: WeightSettings;
  readonly biasSettings: WeightSettings;
  private readonly activationId: ActivationIdentifier;
  /** [k..., in, depthMultiplier] (named 'kernel', as in Keras 3). */
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(rank: number, kind: string, args: DepthwiseConvArgs) {
    super(args);
    this.rank = rank;
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
    this.biasSettings = weightSettings(args.biasInitializer, 'zeros', args.biasRegularizer, args.biasConstraint);
  }

  override build(inputShape: ShapeArg): void {
    const shape = checkSpatialShape(this.name, inputShape, this.rank);
    const channels = knownChannels(this.name, shape);
    checkWindowFits(this.name, shape, this.padding, this.kernelSize, this.dilationRate);
    this.kernel = this.addWeight('kernel', [...this.kernelSize, channels, this.depthMultiplier], this.depthwiseSettings);
    if (this.useBias) this.bias = this.addWeight('bias', [channels * this.depthMultiplier], this.biasSettings);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkChannels(this.name, x, this.rank, this.kernel!.shape[this.rank]!);
    checkWindowFits(this.name, x.shape, this.padding, this.kernelSize, this.dilationRate);
    let y = depthwiseConv(this.name, x, this.kernel!, { strides: this.strides, padding: this.padding, dilations: this.dilationRate }, this.rank);
    if (this.bias) y = add(y, this.bias);
    return this.activation(y);
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      activation: activationName(this.activationId, this.name),
      useBias: this.useBias,
      ...weightSettingsConfig('depthwise', this.depthwiseSettings),
      ...weightSettingsConfig('bias', this.biasSettings),
    };
  }
}
