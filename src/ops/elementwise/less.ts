import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binary, defineBinary } from '../define.js';

/** a < b elementwise (bool); false wherever a NaN is involved. */
export const lessOp = defineBinary({
  name: 'less',
  fn: (a, b) => (a < b ? 1 : 0),
  output: 'bool',
  vjp: 'none',
  // ONNX Less takes no bools; there a < b is ¬a ∧ b.
  onnx: (ctx, [a, b], _attrs, [am]) => (am!.dtype === 'bool' ? ctx.node('And', [ctx.node('Not', [a!]), b!]) : ctx.node('Less', [a!, b!])),
});

export function less(a: TensorLike, b: TensorLike): Tensor {
  return binary(lessOp, a, b);
}
