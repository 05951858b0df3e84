import { registerSerializable, type Config } from '../../io/serialization.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { booleanArg, checkKnownKeys, checkStep, finiteNumber, positiveNumber } from '../args.js';

export interface ExponentialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in whole steps of `decaySteps` (integer division) instead of continuously. Default false. */
  staircase?: boolean;
}

/** initialLearningRate · decayRate^(step / decaySteps) (Keras ExponentialDecay). */
export class ExponentialDecay extends LearningRateSchedule {
  readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  constructor(options: ExponentialDecayOptions) {
    super();
    const who = 'exponentialDecay';
    checkKnownKeys(who, options ?? {}, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
    const { initialLearningRate, decaySteps, decayRate, staircase = false } = options ?? ({} as ExponentialDecayOptions);
    this.initialLearningRate = finiteNumber(who, 'initialLearningRate', initialLearningRate);
    this.decaySteps = positiveNumber(who, 'decaySteps', decaySteps);
    this.decayRate = finiteNumber(who, 'decayRate', decayRate);
    this.staircase = booleanArg(who, 'staircase', staircase);
  }

  at(step: number): number {
    let p = checkStep('exponentialDecay', step) / this.decaySteps;
    if (this.staircase) p = Math.floor(p);
    return this.initialLearningRate * this.decayRate ** p;
  }

  getConfig(): Config {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate, staircase: this.staircase };
  }
}

registerSerializable('schedule', 'ExponentialDecay', (c) => new ExponentialDecay(c as unknown as ExponentialDecayOptions));
