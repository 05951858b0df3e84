/**
 * The transposed convolution layers Conv1DTranspose, Conv2DTranspose and Conv3DTranspose (Keras
 * BaseConvTranspose): kernel [k..., filters, in]; the output size follows Keras's
 * deconv_output_length (see src/ops/conv/README.md).
 */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { convTransposeWith } from '../../ops/conv/conv-transpose.js';
import type { CallContext, ShapeArg } from '../layer.js';
import { BaseWindowConv, type WindowConvArgs } from './base-window-conv.js';
import { checkChannels, checkSpatialShape, intTuple, knownChannels, paddingMode, singleInput, type IntOrTuple } from './conv-args.js';

export interface ConvTransposeArgs extends WindowConvArgs {
  padding?: 'valid' | 'same';
  /** Extra cells at the end of each output axis (each < its stride); null: Keras's default size. */
  outputPadding?: IntOrTuple | null;
}

export abstract class BaseConvTranspose extends BaseWindowConv {
  readonly padding: 'valid' | 'same';
  readonly outputPadding: number[] | null;

  constructor(rank: number, kind: string, args: ConvTransposeArgs) {
    super(rank, kind, args);
    this.padding = paddingMode(kind, args.padding, ['valid', 'same'] as const);
    const op = args.outputPadding;
    this.outputPadding = op === undefined || op === null ? null : intTuple(kind, 'outputPadding', op, rank, 0);
    if (this.outputPadding?.some((p, i) => p >= this.strides[i]!)) {
      throw new OpError(kind, `outputPadding must be smaller than strides on every axis. Received: outputPadding=${JSON.stringify(this.outputPadding)}, strides=${JSON.stringify(this.strides)}`);
    }
  }

  override build(inputShape: ShapeArg): void {
    const channels = knownChannels(this.name, checkSpatialShape(this.name, inputShape, this.rank));
    this.addKernelAndBias([...this.kernelSize, this.filters, channels]);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkChannels(this.name, x, this.rank, this.kernel!.shape[this.rank + 1]!);
    return this.finish(convTransposeWith(this.name, x, this.kernel!, {
      strides: this.strides, padding: this.padding, dilations: this.dilationRate,
      ...(this.outputPadding ? { outputPadding: this.outputPadding } : {}),
    }, this.rank));
  }

  override getConfig(): Config {
    return { ...this.windowConfig(), padding: this.padding, outputPadding: this.outputPadding ? [...this.outputPadding] : null };
  }
}
