/**
 * The global pooling layers GlobalMaxPooling1D/2D/3D and GlobalAveragePooling1D/2D/3D (Keras
 * BaseGlobalPooling): a max or mean over every spatial axis, [batch, spatial..., C] → [batch, C]
 * ([batch, 1..., C] with keepdims).
 */
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { globalAvgPool, globalMaxPool } from '../../ops/conv/global-pool.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { checkDataFormat, checkSpatialShape, singleInput, type DataFormat } from '../convolutional/conv-args.js';

export interface GlobalPoolingArgs extends LayerArgs {
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
  /** Keep the spatial axes, with size 1. Default false. */
  keepdims?: boolean;
}

export abstract class BaseGlobalPooling extends Layer {
  readonly rank: number;
  readonly poolMode: 'max' | 'average';
  readonly dataFormat: 'channels_last';
  readonly keepdims: boolean;

  constructor(rank: number, kind: string, poolMode: 'max' | 'average', args: GlobalPoolingArgs) {
    super(args);
    this.rank = rank;
    this.poolMode = poolMode;
    this.dataFormat = checkDataFormat(kind, args.dataFormat);
    this.keepdims = args.keepdims ?? false;
  }

  override build(inputShape: ShapeArg): void {
    checkSpatialShape(this.name, inputShape, this.rank);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkSpatialShape(this.name, x.shape, this.rank);
    return this.poolMode === 'max' ? globalMaxPool(x, this.keepdims) : globalAvgPool(x, this.keepdims);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepdims };
  }
}
