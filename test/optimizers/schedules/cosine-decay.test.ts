import { describe, expect, it } from 'vitest';
import { cosineDecay, CosineDecay } from '../../../src/optimizers/schedules/index.js';
import { checkScheduleRoundTrip } from './round-trip.js';

describe('cosineDecay', () => {
  it('falls along half a cosine to alpha·initialLearningRate, then stays (hand values)', () => {
    const s = cosineDecay({ initialLearningRate: 1, decaySteps: 10, alpha: 0.1 });
    expect(s).toBeInstanceOf(CosineDecay);
    expect(s.at(0)).toBe(1);
    expect(s.at(5)).toBeCloseTo(0.55, 15); // 0.9·½(1 + cos(π/2)) + 0.1
    expect(s.at(10)).toBeCloseTo(0.1, 15);
    expect(s.at(25)).toBeCloseTo(0.1, 15);
    expect(cosineDecay({ initialLearningRate: 2, decaySteps: 4 }).at(1)).toBeCloseTo(1 + Math.SQRT1_2, 15); // ½(1 + cos(π/4))·2
  });

  it('warms up linearly to warmupTarget, then decays from it over decaySteps', () => {
    const s = cosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 1, warmupSteps: 4 });
    expect(s.at(0)).toBe(0);
    expect(s.at(2)).toBe(0.5);
    expect(s.at(4)).toBe(1);
    expect(s.at(9)).toBeCloseTo(0.5, 15);
    expect(s.at(14)).toBeCloseTo(0, 15);
    expect(s.at(100)).toBeCloseTo(0, 15);
  });

  it('round-trips its config through JSON', () => {
    const s = cosineDecay({ initialLearningRate: 0.01, decaySteps: 100, alpha: 0.05, warmupTarget: 0.1, warmupSteps: 10 });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.01, decaySteps: 100, alpha: 0.05, warmupTarget: 0.1, warmupSteps: 10 });
    checkScheduleRoundTrip(s, [0, 5, 10, 60, 200]);
    checkScheduleRoundTrip(cosineDecay({ initialLearningRate: 0.01, decaySteps: 100 }), [0, 50, 100]);
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => cosineDecay({ initialLearningRate: 0.1, decaySteps: -5 })).toThrow('cosineDecay: decaySteps must be > 0. Received: decaySteps=-5');
    expect(() => cosineDecay({ initialLearningRate: 0.1, decaySteps: 5, warmupSteps: -1 })).toThrow('cosineDecay: warmupSteps must be ≥ 0. Received: warmupSteps=-1');
    expect(() => cosineDecay({ initialLearningRate: Number.NaN, decaySteps: 5 })).toThrow('cosineDecay: initialLearningRate must be a finite number. Received: initialLearningRate=NaN');
  });
});
