import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { applySlice } from './slice.js';

/** Reverses the order along `axis` (all axes when omitted): a slice with stride -1. */
export function flip(x: TensorLike, axis?: number | readonly number[] | null): Tensor {
  const t = toTensor(x);
  const axes = normalizeAxes('flip', axis, t.rank);
  const rev = (i: number): boolean => axes.includes(i);
  return applySlice(t, {
    begin: t.shape.map((n, i) => (rev(i) ? n - 1 : 0)),
    end: t.shape.map((n, i) => (rev(i) ? -1 : n)),
    strides: t.shape.map((_, i) => (rev(i) ? -1 : 1)),
  });
}
