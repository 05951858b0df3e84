import { describe, expect, it } from 'vitest';
import { adam, Adam } from '../../src/optimizers/index.js';
import { exponentialDecay } from '../../src/optimizers/schedules/index.js';
import { variable } from '../../src/autograd/variable.js';
import { tensor } from '../../src/core/tensor.js';
import { checkAgainstReference, checkConfigRoundTrip } from './helpers.js';

describe('adam', () => {
  it('has Keras defaults and slots m, v (and vHat with amsgrad)', () => {
    const o = adam();
    expect(o).toBeInstanceOf(Adam);
    expect([o.learningRate, o.beta1, o.beta2, o.epsilon, o.amsgrad, o.weightDecay]).toEqual([0.001, 0.9, 0.999, 1e-7, false, null]);
    expect(o.slotNames).toEqual(['m', 'v']);
    expect(adam({ amsgrad: true }).slotNames).toEqual(['m', 'v', 'vHat']);
  });

  it('gives the bias-corrected step size as a host scalar: alpha = lr·√(1 − β2^t)/(1 − β1^t)', () => {
    const o = adam({ learningRate: 0.01 });
    expect(o.hostScalars(1)).toEqual({ lr: 0.01, alpha: (0.01 * Math.sqrt(1 - 0.999)) / (1 - 0.9) });
    expect(o.hostScalars(3)['alpha']).toBeCloseTo((0.01 * Math.sqrt(1 - 0.999 ** 3)) / (1 - 0.9 ** 3), 15);
    expect(() => o.hostScalars(0)).toThrow('adam: hostScalars takes the 1-based update number t = iterations + 1. Received: t=0');
  });

  it('first step by hand: a step of ≈ lr·sign(g)', () => {
    // m = 0.1g, v = 0.001g², alpha = lr·√0.001/0.1 → update = lr·g/(|g| + ε/√0.001).
    const w = variable(tensor([1, 1]));
    adam({ learningRate: 0.1 }).applyGradients([[tensor([2, -0.5]), w]]);
    const eps = 1e-7 / Math.sqrt(0.001);
    expect(w.dataSync()[0]).toBeCloseTo(1 - (0.1 * 2) / (2 + eps), 6);
    expect(w.dataSync()[1]).toBeCloseTo(1 + (0.1 * 0.5) / (0.5 + eps), 6);
  });

  it('matches the Keras formula (default, amsgrad, weight decay, a schedule), functional and eager alike', () => {
    checkAgainstReference(() => adam({ learningRate: 0.05 }), { kind: 'adam', lr: () => 0.05 });
    checkAgainstReference(() => adam({ learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3, amsgrad: true }),
      { kind: 'adam', lr: () => 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3, amsgrad: true });
    checkAgainstReference(() => adam({ learningRate: 0.05, weightDecay: 0.3 }), { kind: 'adam', lr: () => 0.05, weightDecay: 0.3 });
    const schedule = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 });
    // The schedule is evaluated at the count of updates applied before, t − 1.
    checkAgainstReference(() => adam({ learningRate: schedule }), { kind: 'adam', lr: (t) => 0.1 * 0.5 ** ((t - 1) / 2) });
  });

  it('round-trips its config through JSON, a schedule included', () => {
    checkConfigRoundTrip(adam({ learningRate: 0.02, beta1: 0.8, beta2: 0.95, epsilon: 1e-6, amsgrad: true, globalClipnorm: 2 }));
    const back = checkConfigRoundTrip(adam({ learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 }) }));
    expect(back.getConfig()['learningRate']).toEqual({
      className: 'ExponentialDecay', config: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: false },
    });
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => adam({ beta1: 1 })).toThrow('adam: beta1 must be a number in [0, 1). Received: beta1=1');
    expect(() => adam({ beta2: -0.5 })).toThrow('adam: beta2 must be a number in [0, 1). Received: beta2=-0.5');
    expect(() => adam({ epsilon: -1 })).toThrow('adam: epsilon must be a finite number ≥ 0. Received: epsilon=-1');
    expect(() => adam({ amsgrad: 1 as unknown as boolean })).toThrow('adam: amsgrad must be true or false. Received: amsgrad=1');
    expect(() => adam({ beta_1: 0.9 } as unknown as Record<string, number>)).toThrow('adam: unknown option (known: learningRate, clipnorm, clipvalue, globalClipnorm, weightDecay, name, beta1, beta2, epsilon, amsgrad). Received: beta_1');
  });
});
