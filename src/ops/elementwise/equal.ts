import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binary, defineBinary } from '../define.js';

/** a == b elementwise (bool). NaN equals nothing, itself included. */
export const equalOp = defineBinary({
  name: 'equal',
  fn: (a, b) => (a === b ? 1 : 0),
  output: 'bool',
  vjp: 'none',
  onnx: (ctx, [a, b]) => ctx.node('Equal', [a!, b!]),
});

export function equal(a: TensorLike, b: TensorLike): Tensor {
  return binary(equalOp, a, b);
}
