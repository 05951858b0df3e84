import { registerSerializable, type Config } from '../../io/serialization.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { checkKnownKeys, checkStep, finiteNumber, nonNegativeNumber, positiveNumber } from '../args.js';

export interface StepDecayOptions {
  initialLearningRate: number;
  /** The number of steps between two multiplications by `factor`. */
  stepSize: number;
  factor: number;
}

/**
 * initialLearningRate · factor^⌊step / stepSize⌋ (PyTorch's StepLR, counted in optimizer steps;
 * not a Keras class: the same as ExponentialDecay with staircase, with the names users expect).
 */
export class StepDecay extends LearningRateSchedule {
  readonly className = 'StepDecay';
  readonly initialLearningRate: number;
  readonly stepSize: number;
  readonly factor: number;

  constructor(options: StepDecayOptions) {
    super();
    const who = 'stepDecay';
    checkKnownKeys(who, options ?? {}, ['initialLearningRate', 'stepSize', 'factor']);
    const { initialLearningRate, stepSize, factor } = options ?? ({} as StepDecayOptions);
    this.initialLearningRate = finiteNumber(who, 'initialLearningRate', initialLearningRate);
    this.stepSize = positiveNumber(who, 'stepSize', stepSize);
    this.factor = nonNegativeNumber(who, 'factor', factor);
  }

  at(step: number): number {
    return this.initialLearningRate * this.factor ** Math.floor(checkStep('stepDecay', step) / this.stepSize);
  }

  getConfig(): Config {
    return { initialLearningRate: this.initialLearningRate, stepSize: this.stepSize, factor: this.factor };
  }
}

registerSerializable('schedule', 'StepDecay', (c) => new StepDecay(c as unknown as StepDecayOptions));
