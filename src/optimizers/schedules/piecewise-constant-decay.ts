import { TesseraError } from '../../core/errors.js';
import { registerSerializable, type Config } from '../../io/serialization.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { checkKnownKeys, checkStep, finiteNumber, received } from '../args.js';

export interface PiecewiseConstantDecayOptions {
  /** Increasing steps where the rate changes. */
  boundaries: readonly number[];
  /** One more value than boundaries: values[i] applies for boundaries[i-1] < step ≤ boundaries[i]. */
  values: readonly number[];
}

/** A step function of the step count (Keras PiecewiseConstantDecay; a boundary belongs to the interval it ends). */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly className = 'PiecewiseConstantDecay';
  readonly boundaries: readonly number[];
  readonly values: readonly number[];

  constructor(options: PiecewiseConstantDecayOptions) {
    super();
    const who = 'piecewiseConstantDecay';
    checkKnownKeys(who, options ?? {}, ['boundaries', 'values']);
    const { boundaries, values } = options ?? ({} as PiecewiseConstantDecayOptions);
    if (!Array.isArray(boundaries) || !Array.isArray(values)) {
      throw new TesseraError(`${who}: boundaries and values must be arrays of numbers. Received: boundaries=${received(boundaries)}, values=${received(values)}`);
    }
    boundaries.forEach((b, i) => finiteNumber(who, `boundaries[${i}]`, b));
    values.forEach((v, i) => finiteNumber(who, `values[${i}]`, v));
    if (values.length !== boundaries.length + 1) {
      throw new TesseraError(`${who}: values must have one more entry than boundaries. Received: ${boundaries.length} boundaries and ${values.length} values`);
    }
    for (let i = 1; i < boundaries.length; i++) {
      if (!(boundaries[i]! > boundaries[i - 1]!)) throw new TesseraError(`${who}: boundaries must increase. Received: boundaries=${received(boundaries)}`);
    }
    this.boundaries = Object.freeze([...boundaries]);
    this.values = Object.freeze([...values]);
  }

  at(step: number): number {
    checkStep('piecewiseConstantDecay', step);
    const i = this.boundaries.findIndex((b) => step <= b);
    return this.values[i === -1 ? this.boundaries.length : i]!;
  }

  getConfig(): Config {
    return { boundaries: [...this.boundaries], values: [...this.values] };
  }
}

registerSerializable('schedule', 'PiecewiseConstantDecay', (c) => new PiecewiseConstantDecay(c as unknown as PiecewiseConstantDecayOptions));
