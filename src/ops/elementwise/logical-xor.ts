import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { broadcastAll } from './common.js';
import { equalOp } from './equal.js';
import { logicalNot } from './logical-not.js';

/** Elementwise XOR of two bool tensors. Composite: on bools, xor is "not equal". */
export function logicalXor(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor(a);
  const y = toTensor(b);
  if (x.dtype !== 'bool' || y.dtype !== 'bool') {
    throw new OpError('logicalXor', `inputs must be bool tensors (use a comparison or cast(x, 'bool')). Received: ${x.dtype} and ${y.dtype}`);
  }
  broadcastAll('logicalXor', [x.shape, y.shape]);
  return logicalNot(applyOp(equalOp, [x, y], {}));
}
