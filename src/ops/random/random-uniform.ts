import type { DType } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import type { Shape } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import type { RandomKey } from './key.js';
import { applyRandom } from './random-op.js';

export interface RandomUniformOptions {
  minval?: number;
  maxval?: number;
  /** float32 (default) or float64; for integers use randint. */
  dtype?: DType;
  /** Without a key, a fresh one is drawn from the global key (see setSeed). */
  key?: RandomKey;
}

/** Values uniform in [minval, maxval). */
export function randomUniform(shape: Shape, { minval = 0, maxval = 1, dtype = 'float32', key }: RandomUniformOptions = {}): Tensor {
  if (!(minval < maxval)) throw new OpError('randomUniform', `minval must be less than maxval. Received: minval=${minval}, maxval=${maxval}`);
  return applyRandom('randomUniform', shape, dtype, 'uniform', [minval, maxval], key);
}
