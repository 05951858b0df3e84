import type { DType } from '../core/dtype.js';
import { full } from '../core/creation.js';
import { TesseraError } from '../core/errors.js';
import type { Shape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { Initializer, registerInitializer } from './initializer.js';

/** Every element equal to `value`; `zeros` and `ones` are its two common cases. */
export class Constant extends Initializer {
  readonly className: string = 'Constant';
  constructor(readonly value = 0) {
    super();
    if (!Number.isFinite(value)) throw new TesseraError(`constant initializer: value must be finite. Received: value=${value}`);
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return full(shape, this.value, dtype);
  }
  override getConfig(): Config {
    return this.className === 'Constant' ? { value: this.value } : {};
  }
}

export class Zeros extends Constant {
  override readonly className = 'Zeros';
  constructor() {
    super(0);
  }
}

export class Ones extends Constant {
  override readonly className = 'Ones';
  constructor() {
    super(1);
  }
}

registerInitializer('Constant', [], (c) => new Constant(c['value'] as number | undefined));
registerInitializer('Zeros', ['zero'], () => new Zeros());
registerInitializer('Ones', ['one'], () => new Ones());
