import { applyOp } from '../../core/engine.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { defineBinary } from '../define.js';

const or = (a: number, b: number): number => a | b;

export const logicalOrOp = defineBinary({
  name: 'logicalOr',
  fn: or,
  inputs: 'bool',
  output: 'bool',
  vjp: 'none',
  onnx: (ctx, [a, b]) => ctx.node('Or', [a!, b!]),
});

/** Elementwise OR of two bool tensors (broadcasting); JS booleans are bool scalars. */
export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  return applyOp(logicalOrOp, [toTensor(a), toTensor(b)], {});
}
