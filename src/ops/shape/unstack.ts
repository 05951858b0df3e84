import { OpError } from '../../core/errors.js';
import { normalizeAxis } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { reshape } from './reshape.js';
import { sliceAxis } from './slice.js';

/** Splits along `axis` into its `shape[axis]` slices, each without that axis. */
export function unstack(x: TensorLike, axis = 0): Tensor[] {
  const t = toTensor(x);
  if (t.rank === 0) throw new OpError('unstack', 'cannot unstack a scalar. Received: shape=[]');
  const a = normalizeAxis('unstack', axis, t.rank);
  const rest = t.shape.filter((_, i) => i !== a);
  return Array.from({ length: t.shape[a]! }, (_, i) => reshape(sliceAxis(t, a, i, i + 1), rest));
}
