import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binaryOperands } from '../define.js';
import { broadcastAll } from './common.js';
import { equal } from './equal.js';
import { logicalNot } from './logical-not.js';

/** a != b elementwise (bool); true wherever a NaN is involved. Composite: not(equal), as in ONNX. */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(a, b);
  broadcastAll('notEqual', [x.shape, y.shape]);
  return logicalNot(equal(x, y));
}
