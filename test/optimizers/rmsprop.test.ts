import { describe, expect, it } from 'vitest';
import { rmsprop, RMSprop } from '../../src/optimizers/index.js';
import { variable } from '../../src/autograd/variable.js';
import { tensor } from '../../src/core/tensor.js';
import { checkAgainstReference, checkConfigRoundTrip } from './helpers.js';

describe('rmsprop', () => {
  it('has Keras defaults and slots velocity (+ momentum, averageGradient)', () => {
    const o = rmsprop();
    expect(o).toBeInstanceOf(RMSprop);
    expect([o.learningRate, o.rho, o.momentum, o.epsilon, o.centered]).toEqual([0.001, 0.9, 0, 1e-7, false]);
    expect(o.slotNames).toEqual(['velocity']);
    expect(rmsprop({ momentum: 0.5, centered: true }).slotNames).toEqual(['velocity', 'momentum', 'averageGradient']);
    expect(rmsprop({ centered: true }).slotNames).toEqual(['velocity', 'averageGradient']);
  });

  it('first step by hand: v = (1 − ρ)g², p ← p − lr·g/√(v + ε)', () => {
    const w = variable(tensor([1]));
    const o = rmsprop({ learningRate: 0.01, epsilon: 0 });
    o.applyGradients([[tensor([2]), w]]);
    // v = 0.1·4 = 0.4; p = 1 − 0.01·2/√0.4
    expect(w.dataSync()[0]).toBeCloseTo(1 - 0.02 / Math.sqrt(0.4), 7);
    expect(o.getSlots(w)![0]!.dataSync()[0]).toBeCloseTo(0.4, 7);
  });

  it('matches the Keras formula (plain, momentum, centered, both), functional and eager alike', () => {
    checkAgainstReference(() => rmsprop({ learningRate: 0.01 }), { kind: 'rmsprop', lr: () => 0.01 });
    checkAgainstReference(() => rmsprop({ learningRate: 0.01, momentum: 0.6 }), { kind: 'rmsprop', lr: () => 0.01, momentum: 0.6 });
    checkAgainstReference(() => rmsprop({ learningRate: 0.01, rho: 0.8, centered: true }), { kind: 'rmsprop', lr: () => 0.01, rho: 0.8, centered: true });
    checkAgainstReference(() => rmsprop({ learningRate: 0.02, momentum: 0.5, centered: true, epsilon: 1e-4 }),
      { kind: 'rmsprop', lr: () => 0.02, momentum: 0.5, centered: true, epsilon: 1e-4 });
  });

  it('round-trips its config through JSON', () => {
    checkConfigRoundTrip(rmsprop({ learningRate: 0.003, rho: 0.8, momentum: 0.2, epsilon: 1e-6, centered: true, clipvalue: 0.5 }));
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => rmsprop({ rho: 1.1 })).toThrow('rmsprop: rho must be a number in [0, 1]. Received: rho=1.1');
    expect(() => rmsprop({ momentum: Number.NaN })).toThrow('rmsprop: momentum must be a number in [0, 1]. Received: momentum=NaN');
    expect(() => rmsprop({ centered: null as unknown as boolean })).not.toThrow(); // null reads as "unset", as in configs
  });
});
