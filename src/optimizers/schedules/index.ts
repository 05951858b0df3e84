/** Learning-rate schedules as `tsr.optimizers.schedules.cosineDecay({...})` (Keras names, camelCase). */
import { CosineDecay, type CosineDecayOptions } from './cosine-decay.js';
import { ExponentialDecay, type ExponentialDecayOptions } from './exponential-decay.js';
import { PiecewiseConstantDecay, type PiecewiseConstantDecayOptions } from './piecewise-constant-decay.js';
import { StepDecay, type StepDecayOptions } from './step-decay.js';

export { LearningRateSchedule, getSchedule } from './learning-rate-schedule.js';
export { CosineDecay, ExponentialDecay, PiecewiseConstantDecay, StepDecay };
export type { CosineDecayOptions, ExponentialDecayOptions, PiecewiseConstantDecayOptions, StepDecayOptions };

export const exponentialDecay = (options: ExponentialDecayOptions): ExponentialDecay => new ExponentialDecay(options);
export const cosineDecay = (options: CosineDecayOptions): CosineDecay => new CosineDecay(options);
export const piecewiseConstantDecay = (options: PiecewiseConstantDecayOptions): PiecewiseConstantDecay => new PiecewiseConstantDecay(options);
export const stepDecay = (options: StepDecayOptions): StepDecay => new StepDecay(options);
