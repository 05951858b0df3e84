/** The layers Cropping1D/2D/3D: cells removed from the start and end of each spatial axis. */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { slice } from '../../ops/shape/slice.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import type { SymbolicShape } from '../symbolic.js';
import { checkSpatialShape, pairsArg, singleInput } from '../convolutional/conv-args.js';

export abstract class BaseCropping extends Layer {
  readonly rank: number;
  /** [[start, end], ...], one pair per spatial axis. */
  readonly crops: number[][];

  constructor(rank: number, kind: string, cropping: number | readonly (number | readonly number[])[], args: LayerArgs) {
    super(args);
    this.rank = rank;
    this.crops = pairsArg(kind, 'cropping', cropping, rank);
  }

  /** Every cropped axis must keep at least one cell (Keras's check). */
  private checkSize(shape: SymbolicShape): void {
    const spatial = checkSpatialShape(this.name, shape, this.rank).slice(1, -1);
    spatial.forEach((n, i) => {
      const [a, b] = this.crops[i]!;
      if (n !== null && a! + b! >= n) {
        throw new OpError(this.name, `cropping must leave at least one cell on each spatial axis. Received: input shape [${shape.map((d) => d ?? 'None').join(',')}], cropping=${JSON.stringify(this.crops)}`);
      }
    });
  }

  override build(inputShape: ShapeArg): void {
    this.checkSize(checkSpatialShape(this.name, inputShape, this.rank));
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    this.checkSize(x.shape);
    const begin = [0, ...this.crops.map((c) => c[0]!), 0];
    const size = [-1, ...this.crops.map((c, i) => x.shape[i + 1]! - c[0]! - c[1]!), -1];
    return slice(x, begin, size);
  }

  /** The cropping as Keras stores it: [start, end] for 1D, pairs for 2D and 3D. */
  protected croppingConfig(): Config['cropping'] {
    return this.rank === 1 ? [...this.crops[0]!] : this.crops.map((c) => [...c]);
  }
}
