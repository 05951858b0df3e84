import { OpError, fmtShape } from '../../core/errors.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { broadcastTo } from './broadcast-to.js';
import { reshape } from './reshape.js';

/**
 * Repeats `x` `reps[i]` times along axis i (numpy's tile: a shorter `reps` is padded with leading
 * 1s, a longer one adds leading axes to x). Written as reshape → broadcast → reshape, so its
 * gradient (a sum over the copies) comes from broadcastTo.
 */
export function tile(x: TensorLike, reps: readonly number[]): Tensor {
  const t = toTensor(x);
  if (!reps.every((r) => Number.isInteger(r) && r >= 0)) {
    throw new OpError('tile', `reps must be non-negative integers. Received: reps=${fmtShape(reps)}`);
  }
  const rank = Math.max(t.rank, reps.length);
  const dims = [...new Array<number>(rank - t.rank).fill(1), ...t.shape];
  const r = [...new Array<number>(rank - reps.length).fill(1), ...reps];
  if (r.every((k) => k === 1)) return reshape(t, dims);
  const interleaved = dims.flatMap((d) => [1, d]);
  const repeated = dims.flatMap((d, i) => [r[i]!, d]);
  return reshape(broadcastTo(reshape(t, interleaved), repeated), dims.map((d, i) => d * r[i]!));
}
