import type { DType } from '../core/dtype.js';
import { eye } from '../core/creation.js';
import { TesseraError } from '../core/errors.js';
import type { Shape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { mul } from '../ops/elementwise/mul.js';
import { Initializer, registerInitializer } from './initializer.js';

/** `gain` × the identity matrix (2D shapes only; rectangular ones get ones on the diagonal). */
export class Identity extends Initializer {
  readonly className = 'Identity';
  constructor(readonly gain = 1) {
    super();
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    if (shape.length !== 2) throw new TesseraError(`identity initializer: the shape must be 2D. Received: shape=[${shape.join(',')}]`);
    return mul(eye(shape[0]!, shape[1]!, 0, dtype), this.gain);
  }
  override getConfig(): Config {
    return { gain: this.gain };
  }
}

registerInitializer('Identity', ['eye'], (c) => new Identity(c['gain'] as number | undefined));
