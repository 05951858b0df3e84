import { registerSerializable, type Config } from '../../io/serialization.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { checkKnownKeys, checkStep, finiteNumber, nonNegativeNumber, positiveNumber } from '../args.js';

export interface CosineDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  /** The floor of the decay as a fraction of the rate it decays from. Default 0. */
  alpha?: number;
  /** With warm-up: the rate reached after `warmupSteps` (linearly from initialLearningRate), then decayed. */
  warmupTarget?: number | null;
  warmupSteps?: number;
}

/**
 * Cosine decay with optional linear warm-up (Keras CosineDecay, SGDR without restarts):
 * from `from` = initialLearningRate (or warmupTarget after warm-up) the rate falls to from·alpha
 * along half a cosine over `decaySteps`, then stays there.
 */
export class CosineDecay extends LearningRateSchedule {
  readonly className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(options: CosineDecayOptions) {
    super();
    const who = 'cosineDecay';
    checkKnownKeys(who, options ?? {}, ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps']);
    const { initialLearningRate, decaySteps, alpha = 0, warmupTarget = null, warmupSteps = 0 } = options ?? ({} as CosineDecayOptions);
    this.initialLearningRate = finiteNumber(who, 'initialLearningRate', initialLearningRate);
    this.decaySteps = positiveNumber(who, 'decaySteps', decaySteps);
    this.alpha = finiteNumber(who, 'alpha', alpha);
    this.warmupTarget = warmupTarget === null ? null : finiteNumber(who, 'warmupTarget', warmupTarget);
    this.warmupSteps = nonNegativeNumber(who, 'warmupSteps', warmupSteps);
  }

  private decay(step: number, from: number): number {
    const cosine = 0.5 * (1 + Math.cos(Math.PI * (step / this.decaySteps)));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }

  at(step: number): number {
    const s = checkStep('cosineDecay', step);
    if (this.warmupTarget === null) return this.decay(Math.min(s, this.decaySteps), this.initialLearningRate);
    const clamped = Math.min(s, this.decaySteps + this.warmupSteps);
    if (clamped < this.warmupSteps) {
      return (this.warmupTarget - this.initialLearningRate) * (clamped / this.warmupSteps) + this.initialLearningRate;
    }
    return this.decay(clamped - this.warmupSteps, this.warmupTarget);
  }

  getConfig(): Config {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      alpha: this.alpha,
      warmupTarget: this.warmupTarget,
      warmupSteps: this.warmupSteps,
    };
  }
}

registerSerializable('schedule', 'CosineDecay', (c) => new CosineDecay(c as unknown as CosineDecayOptions));
