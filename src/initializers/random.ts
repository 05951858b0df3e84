import type { DType } from '../core/dtype.js';
import { TesseraError } from '../core/errors.js';
import type { Shape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { randomNormal } from '../ops/random/random-normal.js';
import { randomUniform } from '../ops/random/random-uniform.js';
import { truncatedNormal } from '../ops/random/truncated-normal.js';
import { SeededInitializer, registerInitializer } from './initializer.js';

export interface RandomUniformInitOptions { minval?: number; maxval?: number; seed?: number | null }
export interface RandomNormalInitOptions { mean?: number; stddev?: number; seed?: number | null }

export class RandomUniform extends SeededInitializer {
  readonly className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  constructor({ minval = -0.05, maxval = 0.05, seed }: RandomUniformInitOptions = {}) {
    super(seed);
    if (!(maxval > minval)) throw new TesseraError(`randomUniform initializer: maxval must be > minval. Received: minval=${minval}, maxval=${maxval}`);
    this.minval = minval;
    this.maxval = maxval;
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return randomUniform(shape, { minval: this.minval, maxval: this.maxval, dtype, key: this.key() });
  }
  override getConfig(): Config {
    return { minval: this.minval, maxval: this.maxval, ...super.getConfig() };
  }
}

/** Normal (or, with `truncated`, normal redrawn beyond two standard deviations). */
export class RandomNormal extends SeededInitializer {
  readonly className: string = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;
  constructor({ mean = 0, stddev = 0.05, seed }: RandomNormalInitOptions = {}) {
    super(seed);
    if (!(stddev >= 0)) throw new TesseraError(`randomNormal initializer: stddev must be ≥ 0. Received: stddev=${stddev}`);
    this.mean = mean;
    this.stddev = stddev;
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return randomNormal(shape, { mean: this.mean, stddev: this.stddev, dtype, key: this.key() });
  }
  override getConfig(): Config {
    return { mean: this.mean, stddev: this.stddev, ...super.getConfig() };
  }
}

export class TruncatedNormal extends RandomNormal {
  override readonly className = 'TruncatedNormal';
  override call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return truncatedNormal(shape, { mean: this.mean, stddev: this.stddev, dtype, key: this.key() });
  }
}

registerInitializer('RandomUniform', [], (c) => new RandomUniform(c as RandomUniformInitOptions));
registerInitializer('RandomNormal', [], (c) => new RandomNormal(c as RandomNormalInitOptions));
registerInitializer('TruncatedNormal', [], (c) => new TruncatedNormal(c as RandomNormalInitOptions));
