import { applyOp } from '../../core/engine.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { defineBinary } from '../define.js';

const and = (a: number, b: number): number => a & b;

export const logicalAndOp = defineBinary({
  name: 'logicalAnd',
  fn: and,
  inputs: 'bool',
  output: 'bool',
  vjp: 'none',
  onnx: (ctx, [a, b]) => ctx.node('And', [a!, b!]),
});

/** Elementwise AND of two bool tensors (broadcasting); JS booleans are bool scalars. */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return applyOp(logicalAndOp, [toTensor(a), toTensor(b)], {});
}
