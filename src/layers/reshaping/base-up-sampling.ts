/**
 * The upsampling layers UpSampling1D/2D/3D: each spatial axis i grows by an integer factor
 * size[i]. 'nearest' repeats every cell (Keras's ops.repeat); 'bilinear' (UpSampling2D) resizes
 * with half-pixel centres (tf.image.resize, PyTorch align_corners=False).
 */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { resize } from '../../ops/conv/resize.js';
import { broadcastTo } from '../../ops/shape/broadcast-to.js';
import { reshape } from '../../ops/shape/reshape.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { checkSpatialShape, singleInput } from '../convolutional/conv-args.js';

export type Interpolation = 'nearest' | 'bilinear';

/**
 * Repeats each cell of x [N, spatial..., C] size[i] times along spatial axis i: one broadcast
 * between two reshapes ([N, d0, 1, d1, 1, ..., C] → [N, d0, s0, d1, s1, ..., C] → [N, d0·s0, ...]).
 */
export function repeatSpatial(x: Tensor, size: readonly number[]): Tensor {
  if (size.every((s) => s === 1)) return x;
  const spatial = x.shape.slice(1, -1);
  const c = x.shape[x.rank - 1]!;
  const n = x.shape[0]!;
  const split = spatial.flatMap((d) => [d, 1]);
  const wide = spatial.flatMap((d, i) => [d, size[i]!]);
  const tiled = broadcastTo(reshape(x, [n, ...split, c]), [n, ...wide, c]);
  return reshape(tiled, [n, ...spatial.map((d, i) => d * size[i]!), c]);
}

export abstract class BaseUpSampling extends Layer {
  readonly rank: number;
  readonly size: number[];
  readonly interpolation: Interpolation;

  constructor(rank: number, kind: string, size: number[], interpolation: string | undefined, args: LayerArgs) {
    super(args);
    this.rank = rank;
    this.size = size;
    const mode = (interpolation ?? 'nearest').toLowerCase();
    if (mode !== 'nearest' && mode !== 'bilinear') {
      throw new OpError(kind, `interpolation must be 'nearest' or 'bilinear'. Received: interpolation=${JSON.stringify(interpolation)}`);
    }
    this.interpolation = mode;
  }

  override build(inputShape: ShapeArg): void {
    checkSpatialShape(this.name, inputShape, this.rank);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    checkSpatialShape(this.name, x.shape, this.rank);
    if (this.interpolation === 'nearest') return repeatSpatial(x, this.size);
    return resize(x, x.shape.slice(1, -1).map((d, i) => d * this.size[i]!), { method: 'bilinear' });
  }
}
