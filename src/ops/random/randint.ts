import type { DType } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import type { Shape } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import type { RandomKey } from './key.js';
import { applyRandom } from './random-op.js';

export interface RandintOptions {
  /** int32 (default) or int64. */
  dtype?: DType;
  /** Without a key, a fresh one is drawn from the global key (see setSeed). */
  key?: RandomKey;
}

/** Integers uniform in [low, high). */
export function randint(shape: Shape, low: number, high: number, { dtype = 'int32', key }: RandintOptions = {}): Tensor {
  const limit = dtype === 'int32' ? 2 ** 31 : Number.MAX_SAFE_INTEGER;
  const ok = (v: number): boolean => Number.isInteger(v) && v >= -limit && v <= limit;
  if (!ok(low) || !ok(high) || !(low < high) || high - low > Number.MAX_SAFE_INTEGER) {
    throw new OpError('randint', `low and high must be integers with low < high, within ${dtype === 'int32' ? 'int32' : '±2^53'} range. Received: low=${low}, high=${high}`);
  }
  return applyRandom('randint', shape, dtype, 'randint', [low, high], key);
}
