import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binary, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';

export const mulOp = defineBinary({
  name: 'mul',
  fn: (a, b) => a * b,
  vjp: (g, [a, b]) => [sumToShape(mul(g, b!), a!.shape), sumToShape(mul(g, a!), b!.shape)],
  // On bools the product is AND; ONNX Mul takes no bools.
  onnx: (ctx, [a, b], _attrs, [am]) => ctx.node(am!.dtype === 'bool' ? 'And' : 'Mul', [a!, b!]),
});

export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary(mulOp, a, b);
}
