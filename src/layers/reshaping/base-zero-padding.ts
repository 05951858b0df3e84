/** The layers ZeroPadding1D/2D/3D: zeros added before and after each spatial axis. */
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { pad } from '../../ops/shape/pad.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { checkDataFormat, checkSpatialShape, pairsArg, singleInput, type DataFormat } from '../convolutional/conv-args.js';

export interface ZeroPaddingArgs extends LayerArgs {
  /** Only 'channels_last'. */
  dataFormat?: DataFormat;
}

export abstract class BaseZeroPadding extends Layer {
  readonly rank: number;
  /** [[before, after], ...], one pair per spatial axis. */
  readonly pads: number[][];
  readonly dataFormat: 'channels_last';

  constructor(rank: number, kind: string, padding: number | readonly (number | readonly number[])[], args: ZeroPaddingArgs) {
    super(args);
    this.rank = rank;
    this.pads = pairsArg(kind, 'padding', padding, rank);
    this.dataFormat = checkDataFormat(kind, args.dataFormat);
  }

  override build(inputShape: ShapeArg): void {
    checkSpatialShape(this.name, inputShape, this.rank);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkSpatialShape(this.name, x.shape, this.rank);
    return pad(x, [[0, 0], ...this.pads, [0, 0]]);
  }

  override getConfig(): Config {
    const padding = this.rank === 1 ? [...this.pads[0]!] : this.pads.map((p) => [...p]);
    return { ...super.getConfig(), padding, dataFormat: this.dataFormat };
  }
}
