import { applyOp } from '../../core/engine.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { defineTypedBinary } from './common.js';

const and = (a: number, b: number): number => a & b;

export const logicalAndOp = defineTypedBinary({ name: 'logicalAnd', float: and, int: and, inputs: 'bool', output: 'bool', vjp: 'none' });

/** Elementwise AND of two bool tensors (broadcasting); JS booleans are bool scalars. */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return applyOp(logicalAndOp, [toTensor(a), toTensor(b)], {});
}
