import type { DType } from '../core/dtype.js';
import { TesseraError } from '../core/errors.js';
import type { Shape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { randomNormal } from '../ops/random/random-normal.js';
import { randomUniform } from '../ops/random/random-uniform.js';
import { truncatedNormal } from '../ops/random/truncated-normal.js';
import { SeededInitializer, computeFans, registerInitializer } from './initializer.js';

export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
export type ScalingDistribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

export interface VarianceScalingOptions {
  scale?: number;
  mode?: FanMode;
  distribution?: ScalingDistribution;
  seed?: number | null;
}

/** stddev of a unit normal truncated to ±2, which Keras divides out so the variance is `scale/n`. */
const TRUNCATED_STDDEV = 0.87962566103423978;

const MODES: Record<string, FanMode> = { fanin: 'fanIn', fan_in: 'fanIn', fanout: 'fanOut', fan_out: 'fanOut', fanavg: 'fanAvg', fan_avg: 'fanAvg' };
const DISTRIBUTIONS: Record<string, ScalingDistribution> = {
  truncatednormal: 'truncatedNormal', truncated_normal: 'truncatedNormal', normal: 'truncatedNormal',
  untruncatednormal: 'untruncatedNormal', untruncated_normal: 'untruncatedNormal', uniform: 'uniform',
};

/**
 * Keras's VarianceScaling: values with variance `scale / n`, n the fan-in, fan-out or their mean.
 * Glorot, He and LeCun initializers are its named cases.
 */
export class VarianceScaling extends SeededInitializer {
  readonly className: string = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: ScalingDistribution;
  constructor({ scale = 1, mode = 'fanIn', distribution = 'truncatedNormal', seed }: VarianceScalingOptions = {}) {
    super(seed);
    if (!(scale > 0)) throw new TesseraError(`varianceScaling: scale must be > 0. Received: scale=${scale}`);
    const m = MODES[String(mode).toLowerCase()];
    if (!m) throw new TesseraError(`varianceScaling: mode must be 'fanIn', 'fanOut' or 'fanAvg'. Received: mode=${String(mode)}`);
    const d = DISTRIBUTIONS[String(distribution).toLowerCase()];
    if (!d) throw new TesseraError(`varianceScaling: distribution must be 'truncatedNormal', 'untruncatedNormal' or 'uniform'. Received: distribution=${String(distribution)}`);
    this.scale = scale;
    this.mode = m;
    this.distribution = d;
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    const { fanIn, fanOut } = computeFans(shape);
    const n = Math.max(1, this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2);
    const variance = this.scale / n;
    const key = this.key();
    switch (this.distribution) {
      case 'truncatedNormal': return truncatedNormal(shape, { stddev: Math.sqrt(variance) / TRUNCATED_STDDEV, dtype, key });
      case 'untruncatedNormal': return randomNormal(shape, { stddev: Math.sqrt(variance), dtype, key });
      case 'uniform': {
        const limit = Math.sqrt(3 * variance);
        return randomUniform(shape, { minval: -limit, maxval: limit, dtype, key });
      }
    }
  }
  override getConfig(): Config {
    if (this.className !== 'VarianceScaling') return super.getConfig();
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, ...super.getConfig() };
  }
}

/** A named case of VarianceScaling (its config is only the seed). */
function named(className: string, scale: number, mode: FanMode, distribution: ScalingDistribution, aliases: string[]): void {
  class Named extends VarianceScaling {
    override readonly className = className;
    constructor(seed?: number | null) {
      super({ scale, mode, distribution, seed });
    }
  }
  namedClasses.set(className, Named);
  registerInitializer(className, aliases, (c) => new Named(c['seed'] as number | null | undefined));
}

const namedClasses = new Map<string, new (seed?: number | null) => VarianceScaling>();

named('GlorotUniform', 1, 'fanAvg', 'uniform', ['xavierUniform']);
named('GlorotNormal', 1, 'fanAvg', 'truncatedNormal', ['xavierNormal']);
named('HeUniform', 2, 'fanIn', 'uniform', ['kaimingUniform']);
named('HeNormal', 2, 'fanIn', 'truncatedNormal', ['kaimingNormal']);
named('LecunUniform', 1, 'fanIn', 'uniform', []);
named('LecunNormal', 1, 'fanIn', 'truncatedNormal', []);
registerInitializer('VarianceScaling', [], (c) => new VarianceScaling(c as VarianceScalingOptions));

/** The named variance-scaling initializer `className` (e.g. 'GlorotUniform') with a seed. */
export function namedVarianceScaling(className: string, seed?: number | null): VarianceScaling {
  const C = namedClasses.get(className);
  if (!C) throw new TesseraError(`namedVarianceScaling: unknown initializer '${className}'`);
  return new C(seed);
}
