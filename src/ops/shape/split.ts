import { OpError, fmtShape } from '../../core/errors.js';
import { normalizeAxis } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { sliceAxis } from './slice.js';

/**
 * Splits along `axis` into `numOrSizes` equal parts (must divide the axis), or into parts of the
 * given sizes (one may be -1: the rest).
 */
export function split(x: TensorLike, numOrSizes: number | readonly number[], axis = 0): Tensor[] {
  const t = toTensor(x);
  if (t.rank === 0) throw new OpError('split', 'cannot split a scalar. Received: shape=[]');
  const a = normalizeAxis('split', axis, t.rank);
  const n = t.shape[a]!;
  let sizes: number[];
  if (typeof numOrSizes === 'number') {
    if (!Number.isInteger(numOrSizes) || numOrSizes < 1 || n % numOrSizes !== 0) {
      throw new OpError('split', `the number of parts must be a positive integer dividing axis ${a} of ${fmtShape(t.shape)} (size ${n}). Received: ${numOrSizes}`);
    }
    sizes = new Array<number>(numOrSizes).fill(n / numOrSizes);
  } else {
    sizes = [...numOrSizes];
    const unknown = sizes.filter((s) => s === -1).length;
    const known = sizes.filter((s) => s !== -1).reduce((p, s) => p + s, 0);
    const valid = unknown <= 1 && sizes.every((s) => Number.isInteger(s) && s >= -1) && (unknown ? known <= n : known === n);
    if (!valid) {
      throw new OpError('split', `sizes must be non-negative integers (at most one -1) summing to ${n}, the size of axis ${a} of ${fmtShape(t.shape)}. Received: sizes=${fmtShape(sizes)}`);
    }
    if (unknown) sizes[sizes.indexOf(-1)] = n - known;
  }
  let start = 0;
  return sizes.map((s) => {
    const part = sliceAxis(t, a, start, start + s);
    start += s;
    return part;
  });
}
