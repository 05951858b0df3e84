import { isFloat } from '../../core/dtype.js';
import { OpError, fmtShape } from '../../core/errors.js';
import type { Shape } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { greaterEqual } from '../elementwise/greater-equal.js';
import { mul } from '../elementwise/mul.js';
import { where } from '../elementwise/where.js';
import type { RandomKey } from './key.js';
import { randomUniform } from './random-uniform.js';

export interface DropoutOptions {
  /** Without a key, a fresh one is drawn from the global key (see setSeed). */
  key?: RandomKey;
  /**
   * Shape of the keep/drop mask, broadcast over x (Keras' noise_shape): same rank as x, each
   * dimension 1 (shared mask along that axis), x's dimension, or null (= x's dimension).
   */
  noiseShape?: readonly (number | null)[];
}

function resolveNoiseShape(shape: Shape, noiseShape: readonly (number | null)[] | undefined): number[] {
  if (noiseShape === undefined) return [...shape];
  const ok = Array.isArray(noiseShape) && noiseShape.length === shape.length &&
    noiseShape.every((d, i) => d === null || d === 1 || d === shape[i]);
  if (!ok) {
    const shown = Array.isArray(noiseShape) ? `[${noiseShape.map(String).join(',')}]` : String(noiseShape);
    throw new OpError('dropout', `noiseShape must have x's rank with each dimension 1, null or x's dimension, for x of shape ${fmtShape(shape)}. Received: noiseShape=${shown}`);
  }
  return noiseShape.map((d, i) => (d === null ? shape[i]! : d));
}

/**
 * Inverted dropout: each element (or each mask cell, with noiseShape) is zeroed with probability
 * `rate` and the kept ones are scaled by 1/(1 - rate), so the expected value is unchanged.
 * A composite: the gradient is the same mask times 1/(1 - rate). rate 0 returns x itself.
 */
export function dropout(x: TensorLike, rate: number, { key, noiseShape }: DropoutOptions = {}): Tensor {
  const t = toTensor(x);
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new OpError('dropout', `rate must be a number in [0, 1). Received: rate=${String(rate)}`);
  }
  if (!isFloat(t.dtype)) throw new OpError('dropout', `x must be float32 or float64. Received: dtype=${t.dtype}`);
  const maskShape = resolveNoiseShape(t.shape, noiseShape);
  if (rate === 0) return t;
  // Same dtype as x, so the float32 and float64 masks of one key agree (see random-op.ts).
  const keep = greaterEqual(randomUniform(maskShape, { dtype: t.dtype, ...(key ? { key } : {}) }), rate);
  return where(keep, mul(t, 1 / (1 - rate)), 0);
}
