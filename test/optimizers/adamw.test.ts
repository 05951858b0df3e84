import { describe, expect, it } from 'vitest';
import { adamw, AdamW, Adam } from '../../src/optimizers/index.js';
import { variable } from '../../src/autograd/variable.js';
import { tensor } from '../../src/core/tensor.js';
import { checkAgainstReference, checkConfigRoundTrip } from './helpers.js';

describe('adamw', () => {
  it('is Adam with decoupled weight decay 0.004 by default', () => {
    const o = adamw();
    expect(o).toBeInstanceOf(AdamW);
    expect(o).toBeInstanceOf(Adam);
    expect(o.className).toBe('AdamW');
    expect([o.learningRate, o.weightDecay, o.beta1, o.beta2, o.epsilon]).toEqual([0.001, 0.004, 0.9, 0.999, 1e-7]);
    expect(adamw({ weightDecay: 0 }).weightDecay).toBe(0);
  });

  it('decays before the update: p ← p − lr·wd·p (hand value with a zero gradient)', () => {
    // A zero gradient makes the Adam step 0 (m = 0): only the decay moves the weight.
    const w = variable(tensor([2, -4]));
    adamw({ learningRate: 0.1, weightDecay: 0.5 }).applyGradients([[tensor([0, 0]), w]]);
    expect(Array.from(w.dataSync() as Float32Array)).toEqual([Math.fround(1.9), Math.fround(-3.8)]);
  });

  it('matches the Keras formula, functional and eager alike', () => {
    checkAgainstReference(() => adamw({ learningRate: 0.05 }), { kind: 'adam', lr: () => 0.05, weightDecay: 0.004 });
    checkAgainstReference(() => adamw({ learningRate: 0.05, weightDecay: 0.2, amsgrad: true }), { kind: 'adam', lr: () => 0.05, weightDecay: 0.2, amsgrad: true });
  });

  it('round-trips its config through JSON', () => {
    const back = checkConfigRoundTrip(adamw({ learningRate: 0.01, weightDecay: 0.05 }));
    expect(back).toBeInstanceOf(AdamW);
    expect(back.weightDecay).toBe(0.05);
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => adamw({ weightDecay: -0.1 })).toThrow('adamw: weightDecay must be a finite number ≥ 0. Received: weightDecay=-0.1');
    expect(() => adamw({ beta1: 2 })).toThrow('adamw: beta1 must be a number in [0, 1). Received: beta1=2');
  });
});
