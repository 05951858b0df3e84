import { applyOp } from '../../core/engine.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binaryOperands } from '../define.js';
import { broadcastAll } from './common.js';
import { lessEqualOp } from './less-equal.js';

/** a >= b elementwise (bool). Composite: lessEqual with the operands swapped. */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  broadcastAll('greaterEqual', [x.shape, y.shape]); // so a shape error names this op, operands in order
  return applyOp(lessEqualOp, [y, x], {});
}
