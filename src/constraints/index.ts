/**
 * Weight constraints (Keras MaxNorm, NonNeg, UnitNorm, MinMaxNorm): a projection applied to a
 * weight after each optimizer update, inside the compiled step.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { deserialize, describe, registerSerializable, type Config, type Serializable } from '../io/serialization.js';
import { add } from '../ops/elementwise/add.js';
import { clip } from '../ops/elementwise/clip.js';
import { div } from '../ops/elementwise/div.js';
import { mul } from '../ops/elementwise/mul.js';
import { relu } from '../ops/elementwise/relu.js';
import { sqrt } from '../ops/elementwise/sqrt.js';
import { square } from '../ops/elementwise/square.js';
import { sum } from '../ops/reduce/sum.js';

export abstract class Constraint implements Serializable {
  abstract readonly className: string;
  abstract call(w: Tensor): Tensor;
  abstract getConfig(): Config;
}

/** Keras's fuzz factor, so an all-zero slice divides by ε instead of 0. */
const EPSILON = 1e-7;

function axesConfig(axis: number | number[]): ConfigAxis {
  return Array.isArray(axis) ? [...axis] : axis;
}
type ConfigAxis = number | number[];

/** Norms over `axis` (Keras's default axis 0: each output unit's incoming weights of a dense kernel). */
function norms(w: Tensor, axis: number | number[]): Tensor {
  return sqrt(sum(square(w), axis, true));
}

export class MaxNorm extends Constraint {
  readonly className = 'MaxNorm';
  constructor(readonly maxValue = 2, readonly axis: number | number[] = 0) {
    super();
    if (!(maxValue > 0)) throw new TesseraError(`maxNorm: maxValue must be > 0. Received: maxValue=${maxValue}`);
  }
  call(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    return mul(w, div(clip(n, 0, this.maxValue), add(n, EPSILON)));
  }
  getConfig(): Config {
    return { maxValue: this.maxValue, axis: axesConfig(this.axis) };
  }
}

export class MinMaxNorm extends Constraint {
  readonly className = 'MinMaxNorm';
  constructor(readonly minValue = 0, readonly maxValue = 1, readonly rate = 1, readonly axis: number | number[] = 0) {
    super();
    if (!(maxValue >= minValue)) throw new TesseraError(`minMaxNorm: maxValue must be ≥ minValue. Received: minValue=${minValue}, maxValue=${maxValue}`);
  }
  call(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    const desired = add(mul(clip(n, this.minValue, this.maxValue), this.rate), mul(n, 1 - this.rate));
    return mul(w, div(desired, add(n, EPSILON)));
  }
  getConfig(): Config {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: axesConfig(this.axis) };
  }
}

export class UnitNorm extends Constraint {
  readonly className = 'UnitNorm';
  constructor(readonly axis: number | number[] = 0) {
    super();
  }
  call(w: Tensor): Tensor {
    return div(w, add(norms(w, this.axis), EPSILON));
  }
  getConfig(): Config {
    return { axis: axesConfig(this.axis) };
  }
}

export class NonNeg extends Constraint {
  readonly className = 'NonNeg';
  call(w: Tensor): Tensor {
    return relu(w);
  }
  getConfig(): Config {
    return {};
  }
}

registerSerializable('constraint', 'MaxNorm', (c) => new MaxNorm(c['maxValue'] as number | undefined, c['axis'] as number | number[] | undefined));
registerSerializable('constraint', 'MinMaxNorm', (c) => new MinMaxNorm(c['minValue'] as number | undefined, c['maxValue'] as number | undefined, c['rate'] as number | undefined, c['axis'] as number | number[] | undefined));
registerSerializable('constraint', 'UnitNorm', (c) => new UnitNorm(c['axis'] as number | number[] | undefined));
registerSerializable('constraint', 'NonNeg', () => new NonNeg());

export const maxNorm = ({ maxValue = 2, axis = 0 }: { maxValue?: number; axis?: number | number[] } = {}): MaxNorm => new MaxNorm(maxValue, axis);
export const minMaxNorm = ({ minValue = 0, maxValue = 1, rate = 1, axis = 0 }: { minValue?: number; maxValue?: number; rate?: number; axis?: number | number[] } = {}): MinMaxNorm => new MinMaxNorm(minValue, maxValue, rate, axis);
export const unitNorm = ({ axis = 0 }: { axis?: number | number[] } = {}): UnitNorm => new UnitNorm(axis);
export const nonNeg = (): NonNeg => new NonNeg();

export type ConstraintIdentifier = 'maxNorm' | 'nonNeg' | 'unitNorm' | 'minMaxNorm' | Constraint | { className: string; config?: Config };

export function getConstraint(id: ConstraintIdentifier): Constraint {
  if (id instanceof Constraint) return id;
  switch (id) {
    case 'maxNorm': return maxNorm();
    case 'nonNeg': return nonNeg();
    case 'unitNorm': return unitNorm();
    case 'minMaxNorm': return minMaxNorm();
  }
  if (typeof id === 'object' && id !== null) return deserialize<Constraint>('constraint', { className: id.className, config: id.config ?? {} });
  throw new TesseraError(`getConstraint: expected a name, a Constraint or {className, config}. Received: ${describe(id)}`);
}
