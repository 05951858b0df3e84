import { describe, expect, it } from 'vitest';
import { sgd, SGD } from '../../src/optimizers/index.js';
import { variable } from '../../src/autograd/variable.js';
import { tensor } from '../../src/core/tensor.js';
import { checkAgainstReference, checkConfigRoundTrip } from './helpers.js';

describe('sgd', () => {
  it('has Keras defaults', () => {
    const o = sgd();
    expect(o).toBeInstanceOf(SGD);
    expect(o.className).toBe('SGD');
    expect([o.learningRate, o.momentum, o.nesterov]).toEqual([0.01, 0, false]);
    expect(o.slotNames).toEqual([]);
    expect(sgd({ momentum: 0.9 }).slotNames).toEqual(['momentum']);
  });

  it('takes steps by hand: p − lr·g, and with momentum m ← μm − lr·g, p ← p + m', () => {
    const w = variable(tensor([1, -2]));
    sgd({ learningRate: 0.1 }).applyGradients([[tensor([0.5, 1]), w]]);
    expect(Array.from(w.dataSync() as Float32Array)).toEqual([Math.fround(0.95), Math.fround(-2.1)]);
    const v = variable(tensor([1]));
    const o = sgd({ learningRate: 0.1, momentum: 0.9 });
    o.applyGradients([[tensor([0.5]), v]]); // m = −0.05, p = 0.95
    o.applyGradients([[tensor([0.5]), v]]); // m = −0.045 − 0.05 = −0.095, p = 0.855
    expect(v.dataSync()[0]).toBeCloseTo(0.855, 6);
    expect(o.getSlots(v)![0]!.dataSync()[0]).toBeCloseTo(-0.095, 6);
    expect(o.iterations).toBe(2);
  });

  it('matches the Keras formula (plain, momentum, Nesterov), functional and eager alike', () => {
    checkAgainstReference(() => sgd({ learningRate: 0.1 }), { kind: 'sgd', lr: () => 0.1 });
    checkAgainstReference(() => sgd({ learningRate: 0.1, momentum: 0.9 }), { kind: 'sgd', lr: () => 0.1, momentum: 0.9 });
    checkAgainstReference(() => sgd({ learningRate: 0.05, momentum: 0.7, nesterov: true }), { kind: 'sgd', lr: () => 0.05, momentum: 0.7, nesterov: true });
  });

  it('round-trips its config through JSON', () => {
    checkConfigRoundTrip(sgd({ learningRate: 0.2, momentum: 0.5, nesterov: true, clipnorm: 1, name: 'opt' }));
    expect(sgd({ momentum: 0.5 }).getConfig()).toEqual({
      name: 'sgd', learningRate: 0.01, weightDecay: null, clipnorm: null, globalClipnorm: null, clipvalue: null, momentum: 0.5, nesterov: false,
    });
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => sgd({ momentum: 1.5 })).toThrow('sgd: momentum must be a number in [0, 1]. Received: momentum=1.5');
    expect(() => sgd({ momentum: -0.1 })).toThrow(/momentum must be a number in \[0, 1\]/);
    expect(() => sgd({ nesterov: 'yes' as unknown as boolean })).toThrow('sgd: nesterov must be true or false. Received: nesterov="yes"');
    expect(() => sgd({ learningRate: -1 })).toThrow('sgd: learningRate must be a finite number ≥ 0 or a LearningRateSchedule. Received: learningRate=-1');
  });
});
