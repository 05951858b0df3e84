import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binary, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';

export const addOp = defineBinary({
  name: 'add',
  fn: (a, b) => a + b,
  vjp: (g, [a, b]) => [sumToShape(g, a!.shape), sumToShape(g, b!.shape)],
});

export function add(a: TensorLike, b: TensorLike): Tensor {
  return binary(addOp, a, b);
}
