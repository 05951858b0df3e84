import type { DType } from '../core/dtype.js';
import { Variable, tensor, type TensorLike } from '../core/tensor.js';
import { cast } from '../ops/elementwise/cast.js';

/** A mutable, trainable holder of a tensor (see Variable). */
export function variable(initial: TensorLike, opts: { name?: string; trainable?: boolean; dtype?: DType } = {}): Variable {
  let t = tensor(initial);
  if (opts.dtype) t = cast(t, opts.dtype);
  return new Variable(t, opts);
}
