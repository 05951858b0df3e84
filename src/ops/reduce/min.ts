import { applyOp } from '../../core/engine.js';
import { defineOp } from '../../core/op.js';
import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { reduce } from '../../backends/reference/reduce.js';
import { extremumInfer, extremumVjp } from './extremum.js';
import { extremumOnnx } from './onnx-lowering.js';
import type { ReduceAttrs } from './sum.js';

export const minOp = defineOp<ReduceAttrs>({
  name: 'min',
  infer: ([x], attrs) => extremumInfer('min', x!, attrs),
  // Math.min propagates NaN, as numpy's min does.
  kernel: ([x], { axes }, out) => reduce(x!, axes, out.dtype, Infinity, Math.min),
  vjp: extremumVjp,
  onnx: extremumOnnx('ReduceMin'),
});

/** Smallest value over `axis` (all axes when omitted). Ties share the gradient evenly. */
export function min(x: TensorLike, axis?: number | readonly number[] | null, keepDims = false): Tensor {
  const t = toTensor(x);
  return applyOp(minOp, [t], { axes: normalizeAxes('min', axis, t.rank), keepDims });
}
