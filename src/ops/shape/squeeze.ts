import { OpError, fmtShape } from '../../core/errors.js';
import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { reshape } from './reshape.js';

/** Removes size-1 axes: the given ones (each must have size 1), or all of them when omitted. */
export function squeeze(x: TensorLike, axis?: number | readonly number[] | null): Tensor {
  const t = toTensor(x);
  let drop: number[];
  if (axis === undefined || axis === null) {
    drop = t.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  } else {
    drop = normalizeAxes('squeeze', axis, t.rank);
    for (const a of drop) {
      if (t.shape[a] !== 1) {
        throw new OpError('squeeze', `only size-1 axes can be removed; axis ${a} of ${fmtShape(t.shape)} has size ${t.shape[a]}. Received: axis=${JSON.stringify(axis)}`);
      }
    }
  }
  return reshape(t, t.shape.filter((_, i) => !drop.includes(i)));
}
