import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binary, defineBinary } from '../define.js';

/** a <= b elementwise (bool); false wherever a NaN is involved. */
export const lessEqualOp = defineBinary({
  name: 'lessEqual',
  fn: (a, b) => (a <= b ? 1 : 0),
  output: 'bool',
  vjp: 'none',
  // ONNX LessOrEqual takes no bools; there a ≤ b is ¬a ∨ b.
  onnx: (ctx, [a, b], _attrs, [am]) => (am!.dtype === 'bool' ? ctx.node('Or', [ctx.node('Not', [a!]), b!]) : ctx.node('LessOrEqual', [a!, b!])),
});

export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return binary(lessEqualOp, a, b);
}
