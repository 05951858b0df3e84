import type { DType } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import type { Shape } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import type { RandomKey } from './key.js';
import { applyRandom } from './random-op.js';

export interface RandomNormalOptions {
  mean?: number;
  stddev?: number;
  /** float32 (default) or float64. */
  dtype?: DType;
  /** Without a key, a fresh one is drawn from the global key (see setSeed). */
  key?: RandomKey;
}

/** Checks a standard deviation (shared with truncatedNormal). */
export function checkStddev(op: string, stddev: number): void {
  if (!(stddev >= 0)) throw new OpError(op, `stddev must be non-negative. Received: stddev=${stddev}`);
}

/** Normally distributed values (Box-Muller transform of Threefry uniforms). */
export function randomNormal(shape: Shape, { mean = 0, stddev = 1, dtype = 'float32', key }: RandomNormalOptions = {}): Tensor {
  checkStddev('randomNormal', stddev);
  return applyRandom('randomNormal', shape, dtype, 'normal', [mean, stddev], key);
}
