import { describe, expect, it } from 'vitest';
import { piecewiseConstantDecay, PiecewiseConstantDecay } from '../../../src/optimizers/schedules/index.js';
import { checkScheduleRoundTrip } from './round-trip.js';

describe('piecewiseConstantDecay', () => {
  it('gives values[i] for boundaries[i−1] < step ≤ boundaries[i] (hand values)', () => {
    const s = piecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5, 0.1] });
    expect(s).toBeInstanceOf(PiecewiseConstantDecay);
    expect([0, 10, 11, 20, 21, 1000].map((t) => s.at(t))).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
    expect(piecewiseConstantDecay({ boundaries: [], values: [0.3] }).at(99)).toBe(0.3);
  });

  it('round-trips its config through JSON', () => {
    const s = piecewiseConstantDecay({ boundaries: [5, 50], values: [0.1, 0.01, 0.001] });
    expect(s.getConfig()).toEqual({ boundaries: [5, 50], values: [0.1, 0.01, 0.001] });
    checkScheduleRoundTrip(s, [0, 5, 6, 50, 51]);
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => piecewiseConstantDecay({ boundaries: [10], values: [1] })).toThrow('piecewiseConstantDecay: values must have one more entry than boundaries. Received: 1 boundaries and 1 values');
    expect(() => piecewiseConstantDecay({ boundaries: [10, 5], values: [1, 2, 3] })).toThrow('piecewiseConstantDecay: boundaries must increase. Received: boundaries=[10,5]');
    expect(() => piecewiseConstantDecay({ boundaries: [10], values: [1, 'x' as unknown as number] })).toThrow('piecewiseConstantDecay: values[1] must be a finite number. Received: values[1]="x"');
    expect(() => piecewiseConstantDecay({ boundaries: 10 as unknown as number[], values: [1] })).toThrow('piecewiseConstantDecay: boundaries and values must be arrays of numbers. Received: boundaries=10, values=[1]');
  });
});
