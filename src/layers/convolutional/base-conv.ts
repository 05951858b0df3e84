/**
 * The convolution layers Conv1D, Conv2D and Conv3D (Keras BaseConv): a kernel
 * [k..., in/groups, filters] cross-correlated with channels-last inputs, plus bias and activation.
 */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { convWith } from '../../ops/conv/conv.js';
import type { CallContext, ShapeArg } from '../layer.js';
import { BaseWindowConv, type WindowConvArgs } from './base-window-conv.js';
import { checkChannels, checkWindowFits, checkSpatialShape, knownChannels, paddingMode, singleInput, type ConvPadding } from './conv-args.js';

export interface ConvArgs extends WindowConvArgs {
  /** 'valid' (default), 'same' (TF rule: the odd padding cell goes after), 'causal' (Conv1D only). */
  padding?: ConvPadding;
  /** Input and output channels split into this many independent blocks. */
  groups?: number;
}

export abstract class BaseConv extends BaseWindowConv {
  readonly padding: ConvPadding;
  readonly groups: number;

  constructor(rank: number, kind: string, args: ConvArgs) {
    super(rank, kind, args);
    this.padding = paddingMode<ConvPadding>(kind, args.padding, rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same']);
    this.groups = args.groups ?? 1;
    if (!Number.isInteger(this.groups) || this.groups < 1) {
      throw new OpError(kind, `groups must be an integer ≥ 1. Received: groups=${String(args.groups)}`);
    }
    if (this.filters % this.groups !== 0) {
      throw new OpError(kind, `filters must be divisible by groups. Received: filters=${this.filters}, groups=${this.groups}`);
    }
  }

  override build(inputShape: ShapeArg): void {
    const shape = checkSpatialShape(this.name, inputShape, this.rank);
    const channels = knownChannels(this.name, shape);
    checkWindowFits(this.name, shape, this.padding, this.kernelSize, this.dilationRate);
    if (channels % this.groups !== 0) {
      throw new OpError(this.name, `the input channels must be divisible by groups (${this.groups}). Received: input shape [${shape.map((d) => d ?? 'None').join(',')}]`);
    }
    this.addKernelAndBias([...this.kernelSize, channels / this.groups, this.filters]);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkChannels(this.name, x, this.rank, this.kernel!.shape[this.rank]! * this.groups);
    checkWindowFits(this.name, x.shape, this.padding, this.kernelSize, this.dilationRate);
    return this.finish(convWith(this.name, x, this.kernel!, {
      strides: this.strides, padding: this.padding, dilations: this.dilationRate, groups: this.groups,
    }, this.rank));
  }

  override getConfig(): Config {
    return { ...this.windowConfig(), padding: this.padding, groups: this.groups };
  }
}
