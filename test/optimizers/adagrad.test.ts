import { describe, expect, it } from 'vitest';
import { adagrad, Adagrad } from '../../src/optimizers/index.js';
import { variable } from '../../src/autograd/variable.js';
import { tensor } from '../../src/core/tensor.js';
import { checkAgainstReference, checkConfigRoundTrip } from './helpers.js';

describe('adagrad', () => {
  it('has Keras defaults; its accumulator starts at initialAccumulatorValue', () => {
    const o = adagrad();
    expect(o).toBeInstanceOf(Adagrad);
    expect([o.learningRate, o.initialAccumulatorValue, o.epsilon]).toEqual([0.001, 0.1, 1e-7]);
    expect(o.slotNames).toEqual(['accumulator']);
    const [acc] = adagrad({ initialAccumulatorValue: 0.25 }).initSlots(tensor([[1, 2], [3, 4]]));
    expect(acc!.shape).toEqual([2, 2]);
    expect(Array.from(acc!.dataSync() as Float32Array)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('two steps by hand: a ← a + g², p ← p − lr·g/√(a + ε)', () => {
    const w = variable(tensor([1]));
    const o = adagrad({ learningRate: 0.1, initialAccumulatorValue: 0, epsilon: 0 });
    o.applyGradients([[tensor([3]), w]]); // a = 9, p = 1 − 0.1·3/3 = 0.9
    o.applyGradients([[tensor([4]), w]]); // a = 25, p = 0.9 − 0.1·4/5 = 0.82
    expect(w.dataSync()[0]).toBeCloseTo(0.82, 7);
    expect(o.getSlots(w)![0]!.dataSync()[0]).toBe(25);
  });

  it('matches the Keras formula, functional and eager alike', () => {
    checkAgainstReference(() => adagrad({ learningRate: 0.1 }), { kind: 'adagrad', lr: () => 0.1 });
    checkAgainstReference(() => adagrad({ learningRate: 0.5, initialAccumulatorValue: 1, epsilon: 1e-3 }),
      { kind: 'adagrad', lr: () => 0.5, initialAccumulatorValue: 1, epsilon: 1e-3 });
  });

  it('round-trips its config through JSON', () => {
    checkConfigRoundTrip(adagrad({ learningRate: 0.2, initialAccumulatorValue: 0.3, epsilon: 1e-5, weightDecay: 0.01 }));
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => adagrad({ initialAccumulatorValue: -1 })).toThrow('adagrad: initialAccumulatorValue must be a finite number ≥ 0. Received: initialAccumulatorValue=-1');
    expect(() => adagrad({ epsilon: Infinity })).toThrow('adagrad: epsilon must be a finite number ≥ 0. Received: epsilon=Infinity');
  });
});
