import type { Shape } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { checkStddev, type RandomNormalOptions } from './random-normal.js';
import { applyRandom } from './random-op.js';

/**
 * Normal values restricted to [mean - 2·stddev, mean + 2·stddev] (as Keras' TruncatedNormal
 * initializer): out-of-range draws are redrawn, deterministically, from the element's next
 * Threefry blocks. The stddev is that of the normal before truncation (about 1.14× the result's).
 */
export function truncatedNormal(shape: Shape, { mean = 0, stddev = 1, dtype = 'float32', key }: RandomNormalOptions = {}): Tensor {
  checkStddev('truncatedNormal', stddev);
  return applyRandom('truncatedNormal', shape, dtype, 'truncatedNormal', [mean, stddev], key);
}
