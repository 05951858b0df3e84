import { describe, expect, it } from 'vitest';
import { exponentialDecay, ExponentialDecay } from '../../../src/optimizers/schedules/index.js';
import { checkScheduleRoundTrip } from './round-trip.js';

describe('exponentialDecay', () => {
  it('gives initialLearningRate · decayRate^(step / decaySteps) (hand values)', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expect(s).toBeInstanceOf(ExponentialDecay);
    expect(s.at(0)).toBe(0.1);
    expect(s.at(10)).toBeCloseTo(0.05, 15);
    expect(s.at(5)).toBeCloseTo(0.1 * Math.SQRT1_2, 15);
    expect(s.at(30)).toBeCloseTo(0.0125, 15);
  });

  it('decays in whole steps with staircase', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect([0, 5, 9, 10, 19, 20].map((t) => s.at(t))).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('round-trips its config through JSON', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 7, decayRate: 0.9, staircase: true });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.1, decaySteps: 7, decayRate: 0.9, staircase: true });
    checkScheduleRoundTrip(s, [0, 3, 7, 50]);
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 })).toThrow('exponentialDecay: decaySteps must be > 0. Received: decaySteps=0');
    expect(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10 } as never)).toThrow('exponentialDecay: decayRate must be a finite number. Received: decayRate=undefined');
    expect(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: 1 as unknown as boolean })).toThrow('exponentialDecay: staircase must be true or false. Received: staircase=1');
    expect(() => exponentialDecay({ initial_learning_rate: 0.1 } as never)).toThrow('exponentialDecay: unknown option (known: initialLearningRate, decaySteps, decayRate, staircase). Received: initial_learning_rate');
    expect(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }).at(-1)).toThrow('exponentialDecay: the step must be a finite number ≥ 0. Received: step=-1');
  });
});
