import { applyOp } from '../../core/engine.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binaryOperands } from '../define.js';
import { broadcastAll } from './common.js';
import { lessOp } from './less.js';

/** a > b elementwise (bool). Composite: less with the operands swapped. */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  broadcastAll('greater', [x.shape, y.shape]); // so a shape error names this op, operands in order
  return applyOp(lessOp, [y, x], {});
}
