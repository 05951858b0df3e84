/**
 * The transposed convolution layers Conv1DTranspose, Conv2DTranspose and Conv3DTranspose (Keras
 * BaseConvTranspose): kernel [k..., filters, in]; the output size follows Keras's
 * deconv_output_length (see src/ops/conv/README.md).
 */
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { convTransposeWith } from '../../ops/conv/conv-transpose.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import {
  checkChannels, checkDataFormat, checkSpatialShape, intTuple, knownChannels, paddingMode, singleInput,
  weightSettings, weightSettingsConfig, type DataFormat, type IntOrTuple, type WeightSettings,
} from './conv-args.js';

export interface ConvTransposeArgs extends LayerArgs {
  filters: number;
  kernelSize: IntOrTuple;
  strides?: IntOrTuple;
  padding?: 'valid' | 'same';
  /** Extra cells at the end of each output axis (each < its stride); null: Keras's default size. */
  outputPadding?: IntOrTuple | null;
  dataFormat?: DataFormat;
  dilationRate?: IntOrTuple;
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

export abstract class BaseConvTranspose extends Layer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly outputPadding: number[] | null;
  readonly dataFormat: 'channels_last';
  readonly dilationRate: number[];
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelSettings: WeightSettings;
  readonly biasSettings: WeightSettings;
  private readonly activationId: ActivationIdentifier;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(rank: number, kind: string, args: ConvTransposeArgs) {
    super(args);
    this.rank = rank;
    if (!Number.isInteger(args.filters) || args.filters < 1) {
      throw new OpError(kind, `filters must be an integer ≥ 1. Received: filters=${String(args.filters)}`);
    }
    this.filters = args.filters;
    this.kernelSize = intTuple(kind, 'kernelSize', args.kernelSize, rank);
    this.strides = intTuple(kind, 'strides', args.strides ?? 1, rank);
    this.dilationRate = intTuple(kind, 'dilationRate', args.dilationRate ?? 1, rank);
    this.padding = paddingMode(kind, args.padding, ['valid', 'same'] as const);
    const op = args.outputPadding;
    this.outputPadding = op === undefined || op === null ? null : intTuple(kind, 'outputPadding', op, rank, 0);
    if (this.outputPadding?.some((p, i) => p >= this.strides[i]!)) {
      throw new OpError(kind, `outputPadding must be smaller than strides on every axis. Received: outputPadding=${JSON.stringify(this.outputPadding)}, strides=${JSON.stringify(this.strides)}`);
    }
    this.dataFormat = checkDataFormat(kind, args.dataFormat);
    this.activationId = args.activation ?? null;
    this.activation = getActivation(this.activationId);
    this.useBias = args.useBias ?? true;
    this.kernelSettings = weightSettings(args.kernelInitializer, 'glorotUniform', args.kernelRegularizer, args.kernelConstraint);
    this.biasSettings = weightSettings(args.biasInitializer, 'zeros', args.biasRegularizer, args.biasConstraint);
  }

  override build(inputShape: ShapeArg): void {
    const channels = knownChannels(this.name, checkSpatialShape(this.name, inputShape, this.rank));
    this.kernel = this.addWeight('kernel', [...this.kernelSize, this.filters, channels], this.kernelSettings);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasSettings);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkChannels(this.name, x, this.rank, this.kernel!.shape[this.rank + 1]!);
    let y = convTransposeWith(this.name, x, this.kernel!, {
      strides: this.strides, padding: this.padding, dilations: this.dilationRate,
      ...(this.outputPadding ? { outputPadding: this.outputPadding } : {}),
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
      outputPadding: this.outputPadding ? [...this.outputPadding] : null,
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      activation: activationName(this.activationId, this.name),
      useBias: this.useBias,
      ...weightSettingsConfig('kernel', this.kernelSettings),
      ...weightSettingsConfig('bias', this.biasSettings),
    };
  }
}
