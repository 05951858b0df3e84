import { describe, expect, it } from 'vitest';
import { stepDecay, StepDecay } from '../../../src/optimizers/schedules/index.js';
import { checkScheduleRoundTrip } from './round-trip.js';

describe('stepDecay', () => {
  it('multiplies by factor every stepSize steps (hand values)', () => {
    const s = stepDecay({ initialLearningRate: 1, stepSize: 3, factor: 0.1 });
    expect(s).toBeInstanceOf(StepDecay);
    expect([0, 1, 2].map((t) => s.at(t))).toEqual([1, 1, 1]);
    expect(s.at(3)).toBeCloseTo(0.1, 15);
    expect(s.at(5)).toBeCloseTo(0.1, 15);
    expect(s.at(6)).toBeCloseTo(0.01, 15);
  });

  it('round-trips its config through JSON', () => {
    const s = stepDecay({ initialLearningRate: 0.5, stepSize: 100, factor: 0.5 });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.5, stepSize: 100, factor: 0.5 });
    checkScheduleRoundTrip(s, [0, 99, 100, 250]);
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => stepDecay({ initialLearningRate: 1, stepSize: 0, factor: 0.5 })).toThrow('stepDecay: stepSize must be > 0. Received: stepSize=0');
    expect(() => stepDecay({ initialLearningRate: 1, stepSize: 10, factor: -0.5 })).toThrow('stepDecay: factor must be ≥ 0. Received: factor=-0.5');
  });
});
