import type { Tensor, TensorLike } from '../../core/tensor.js';
import { applyOp } from '../../core/engine.js';
import { binaryOperands, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { rejectBool } from './common.js';

export const addOp = defineBinary({
  name: 'add',
  fn: (a, b) => a + b,
  vjp: (g, [a, b]) => [sumToShape(g, a!.shape), sumToShape(g, b!.shape)],
  onnx: (ctx, [a, b]) => ctx.node('Add', [a!, b!]),
});

export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  // 1 + 1 would store 2 in a bool tensor; logicalOr is what is meant.
  rejectBool('add', x, y);
  return applyOp(addOp, [x, y], {});
}
