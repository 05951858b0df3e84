import type { Tensor, TensorLike } from '../../core/tensor.js';
import { applyOp } from '../../core/engine.js';
import { binaryOperands, defineBinary } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { rejectBool } from './common.js';
import { neg } from './neg.js';

export const subOp = defineBinary({
  name: 'sub',
  fn: (a, b) => a - b,
  vjp: (g, [a, b]) => [sumToShape(g, a!.shape), sumToShape(neg(g), b!.shape)],
  onnx: (ctx, [a, b]) => ctx.node('Sub', [a!, b!]),
});

export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  rejectBool('sub', x, y);
  return applyOp(subOp, [x, y], {});
}
