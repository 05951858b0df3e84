/**
 * What a convolution and a transposed convolution layer share (Keras's BaseConv and
 * BaseConvTranspose repeat it): filters, window geometry, activation, bias, the kernel and bias
 * weight settings, and their config.
 */
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { Layer, type LayerArgs } from '../layer.js';
import { checkDataFormat, intTuple, weightSettings, weightSettingsConfig, type DataFormat, type IntOrTuple, type WeightSettings } from './conv-args.js';

export interface WindowConvArgs extends LayerArgs {
  /** Number of output channels. */
  filters: number;
  kernelSize: IntOrTuple;
  strides?: IntOrTuple;
  /** Only 'channels_last'. */
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

export abstract class BaseWindowConv extends Layer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly dataFormat: 'channels_last';
  readonly dilationRate: number[];
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelSettings: WeightSettings;
  readonly biasSettings: WeightSettings;
  private readonly activationId: ActivationIdentifier;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(rank: number, kind: string, args: WindowConvArgs) {
    super(args);
    this.rank = rank;
    if (!Number.isInteger(args.filters) || args.filters < 1) {
      throw new OpError(kind, `filters must be an integer ≥ 1. Received: filters=${String(args.filters)}`);
    }
    this.filters = args.filters;
    this.kernelSize = intTuple(kind, 'kernelSize', args.kernelSize, rank);
    this.strides = intTuple(kind, 'strides', args.strides ?? 1, rank);
    this.dilationRate = intTuple(kind, 'dilationRate', args.dilationRate ?? 1, rank);
    this.dataFormat = checkDataFormat(kind, args.dataFormat);
    this.activationId = args.activation ?? null;
    this.activation = getActivation(this.activationId);
    this.useBias = args.useBias ?? true;
    this.kernelSettings = weightSettings(args.kernelInitializer, 'glorotUniform', args.kernelRegularizer, args.kernelConstraint);
    this.biasSettings = weightSettings(args.biasInitializer, 'zeros', args.biasRegularizer, args.biasConstraint);
  }

  /** Creates the kernel (of the layer's own layout) and, with useBias, the bias [filters]. */
  protected addKernelAndBias(kernelShape: number[]): void {
    this.kernel = this.addWeight('kernel', kernelShape, this.kernelSettings);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasSettings);
  }

  /** Bias and activation on the convolution's output. */
  protected finish(y: Tensor): Tensor {
    return this.activation(this.bias ? add(y, this.bias) : y);
  }

  /** The config keys every windowed convolution has; subclasses add padding, groups, outputPadding. */
  protected windowConfig(): Config {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      activation: activationName(this.activationId, this.name),
      useBias: this.useBias,
      ...weightSettingsConfig('kernel', this.kernelSettings),
      ...weightSettingsConfig('bias', this.biasSettings),
    };
  }
}
