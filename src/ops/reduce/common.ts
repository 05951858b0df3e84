/** Helpers shared by the reductions (internal: not exported from the family's index). */
import { OpError, fmtShape } from '../../core/errors.js';
import type { TensorMeta } from '../../core/op.js';
import { normalizeAxis, type Shape } from '../../core/shape.js';
import { reducedShape } from '../../backends/reference/reduce.js';

/** Number of input elements folded into each output element. */
export function reductionCount(shape: Shape, axes: readonly number[]): number {
  let n = 1;
  for (const a of axes) n *= shape[a]!;
  return n;
}

/** max/min/argmax have no identity: reducing an empty axis into a non-empty output is an error (as in numpy). */
export function assertNonEmptyReduction(op: string, shape: Shape, axes: readonly number[]): void {
  const empty = axes.some((a) => shape[a] === 0);
  if (empty && reducedShape(shape, axes, false).every((d) => d > 0)) {
    throw new OpError(op, `cannot reduce over an axis of size 0 (the result has no identity). Received: shape=${fmtShape(shape)}, axes=[${axes.join(',')}]`);
  }
}

/** Single-axis ops (argmax, cumsum) accept axis 0 or -1 on a scalar, treating it as a length-1 vector. */
export function singleAxis(op: string, axis: number, rank: number): number {
  if (rank > 0) return normalizeAxis(op, axis, rank);
  if (axis !== 0 && axis !== -1) throw new OpError(op, `axis must be 0 or -1 for a scalar. Received: axis=${axis}`);
  return 0;
}

export interface ArgAttrs {
  [key: string]: number | boolean;
  axis: number;
  keepDims: boolean;
}

/** Shape/dtype rule of argmax and argmin: int32 indices, `axis` removed (or kept as 1). */
export function argInfer(op: string, x: TensorMeta, { axis, keepDims }: ArgAttrs): TensorMeta {
  assertNonEmptyReduction(op, x.shape, [axis]);
  return { shape: reducedShape(x.shape, [axis], keepDims), dtype: 'int32' };
}
