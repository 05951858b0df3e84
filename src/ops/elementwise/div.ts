import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binary, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

/** True division for floats; for integers, truncation toward zero (ONNX Div semantics). */
export const divOp = defineBinary({
  name: 'div',
  fn: (a, b) => a / b,
  vjp: (g, [a, b], y) => [sumToShape(div(g, b!), a!.shape), sumToShape(neg(mul(g, div(y, b!))), b!.shape)],
});

export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary(divOp, a, b);
}
