import { applyOp } from '../../core/engine.js';
import { defineOp } from '../../core/op.js';
import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { reduce } from '../../backends/reference/reduce.js';
import { extremumInfer, extremumVjp } from './extremum.js';
import { extremumOnnx } from './onnx-lowering.js';
import type { ReduceAttrs } from './sum.js';

export const maxOp = defineOp<ReduceAttrs>({
  name: 'max',
  infer: ([x], attrs) => extremumInfer('max', x!, attrs),
  // Math.max propagates NaN, as numpy's max does.
  kernel: ([x], { axes }, out) => reduce(x!, axes, out.dtype, -Infinity, Math.max),
  vjp: extremumVjp,
  onnx: extremumOnnx('ReduceMax'),
});

/** Largest value over `axis` (all axes when omitted). Ties share the gradient evenly. */
export function max(x: TensorLike, axis?: number | readonly number[] | null, keepDims = false): Tensor {
  const t = toTensor(x);
  return applyOp(maxOp, [t], { axes: normalizeAxes('max', axis, t.rank), keepDims });
}
