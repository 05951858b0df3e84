/**
 * The window pooling layers MaxPooling1D/2D/3D and AveragePooling1D/2D/3D (Keras BasePooling):
 * poolSize defaults to 2, strides to poolSize; 'same' padding never lets a padded cell win a max
 * and leaves padded cells out of a mean (Keras/TF, unlike PyTorch's count_include_pad).
 */
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { avgPool } from '../../ops/conv/avg-pool.js';
import { maxPool } from '../../ops/conv/max-pool.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { checkDataFormat, checkSpatialShape, checkWindowFits, intTuple, paddingMode, singleInput, type DataFormat, type IntOrTuple } from '../convolutional/conv-args.js';

export interface PoolingArgs extends LayerArgs {
  /** Window size. Default 2 on every axis. */
  poolSize?: IntOrTuple;
  /** Window step; default (null): poolSize. */
  strides?: IntOrTuple | null;
  padding?: 'valid' | 'same';
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
}

export abstract class BasePooling extends Layer {
  readonly rank: number;
  readonly poolMode: 'max' | 'average';
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: 'channels_last';

  constructor(rank: number, kind: string, poolMode: 'max' | 'average', args: PoolingArgs) {
    super(args);
    this.rank = rank;
    this.poolMode = poolMode;
    this.poolSize = intTuple(kind, 'poolSize', args.poolSize ?? 2, rank);
    this.strides = args.strides === undefined || args.strides === null ? [...this.poolSize] : intTuple(kind, 'strides', args.strides, rank);
    this.padding = paddingMode(kind, args.padding, ['valid', 'same'] as const);
    this.dataFormat = checkDataFormat(kind, args.dataFormat);
  }

  override build(inputShape: ShapeArg): void {
    checkWindowFits(this.name, checkSpatialShape(this.name, inputShape, this.rank), this.padding, this.poolSize);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkWindowFits(this.name, checkSpatialShape(this.name, x.shape, this.rank), this.padding, this.poolSize);
    const opts = { poolSize: this.poolSize, strides: this.strides, padding: this.padding };
    return this.poolMode === 'max' ? maxPool(x, opts) : avgPool(x, opts);
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      poolSize: [...this.poolSize],
      padding: this.padding,
      strides: [...this.strides],
      dataFormat: this.dataFormat,
    };
  }
}
