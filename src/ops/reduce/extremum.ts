/** What max and min share: their shape rule and their gradient. */
import { isFloat } from '../../core/dtype.js';
import type { TensorMeta, Vjp } from '../../core/op.js';
import { reducedShape } from '../../backends/reference/reduce.js';
import { cast } from '../elementwise/cast.js';
import { div } from '../elementwise/div.js';
import { equal } from '../elementwise/equal.js';
import { mul } from '../elementwise/mul.js';
import { reshape } from '../shape/reshape.js';
import { assertNonEmptyReduction } from './common.js';
import { keptShape, sum, type ReduceAttrs } from './sum.js';

/** The dtype is kept (ints and bool included: max of bools is "any"). */
export function extremumInfer(op: string, x: TensorMeta, { axes, keepDims }: ReduceAttrs): TensorMeta {
  assertNonEmptyReduction(op, x.shape, axes);
  return { shape: reducedShape(x.shape, axes, keepDims), dtype: x.dtype };
}

/**
 * The gradient flows to the elements equal to the result, shared evenly among ties (like
 * torch.amax), so the sum of the gradient over a slice equals the incoming gradient.
 */
export const extremumVjp: Vjp<ReduceAttrs> = (g, [x], y, { axes }) => {
  if (!isFloat(x!.dtype)) return [null];
  const kept = keptShape(x!.shape, axes);
  const mask = cast(equal(x!, reshape(y, kept)), g.dtype);
  const count = sum(mask, axes, true);
  return [mul(mask, div(reshape(g, kept), count))];
};
