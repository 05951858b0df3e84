import { afterEach, describe, expect, it, vi } from 'vitest';
import { reduceLROnPlateau, ReduceLROnPlateau } from '../../src/callbacks/index.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import { fakeFit, valLosses } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

afterEach(() => vi.restoreAllMocks());

const flat = (n: number): number[] => Array.from({ length: n }, () => 1);

describe('reduceLROnPlateau', () => {
  it('reduces after `patience` epochs without improvement, then waits `cooldown` epochs', async () => {
    const model = new FakeModel({ learningRate: 0.1 });
    const h = await fakeFit(model, { epochs: 7, callbacks: [reduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 2 })], validation: valLosses(flat(7)) });
    // Logged: the rate each epoch ran with. Reductions at the ends of epochs 2 and 5:
    // e1 wait 1, e2 wait 2 → reduce; e3 e4 cooldown (wait held at 0 while counting down, then 1), e5 wait 2 → reduce.
    expect(h.history['learning_rate']).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
    expect(model.optimizer!.learningRate).toBe(0.025); // epoch 6 is in cooldown
  });

  it('a cooldown of 1 lets the cooldown epoch count toward the next wait (Keras)', async () => {
    const h = await fakeFit(new FakeModel({ learningRate: 0.1 }), { epochs: 7, callbacks: [reduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 1 })], validation: valLosses(flat(7)) });
    expect(h.history['learning_rate']).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('an improvement resets the wait; minDelta decides what improves', async () => {
    const cb = reduceLROnPlateau({ factor: 0.5, patience: 2 });
    const h = await fakeFit(new FakeModel({ learningRate: 0.2 }), { epochs: 6, callbacks: [cb], validation: valLosses([1.0, 1.1, 0.9, 1.0, 1.0, 1.0]) });
    expect(h.history['learning_rate']).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0.1]);
    const coarse = reduceLROnPlateau({ factor: 0.5, patience: 1, minDelta: 0.2 });
    const hc = await fakeFit(new FakeModel({ learningRate: 0.2 }), { epochs: 3, callbacks: [coarse], validation: valLosses([1.0, 0.85, 0.5]) });
    expect(hc.history['learning_rate']).toEqual([0.2, 0.2, 0.1]); // 0.85 is within minDelta of 1.0: reduced after epoch 1
  });

  it('never goes below minLr, and stops reducing there', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const model = new FakeModel({ learningRate: 0.1 });
    const h = await fakeFit(model, { epochs: 5, callbacks: [reduceLROnPlateau({ patience: 0, factor: 0.1, minLr: 0.005, verbose: 1 })], validation: valLosses(flat(5)) });
    expect(h.history['learning_rate']!.map((v) => Number(v.toPrecision(6)))).toEqual([0.1, 0.1, 0.01, 0.005, 0.005]);
    expect(log.mock.calls).toEqual([['Epoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000000000002.'], ['Epoch 3: ReduceLROnPlateau reducing learning rate to 0.005.']]);
  });

  it("maximises val_accuracy in 'auto' mode", async () => {
    const h = await fakeFit(new FakeModel({ learningRate: 1 }), {
      epochs: 4, callbacks: [reduceLROnPlateau({ monitor: 'val_accuracy', patience: 1, factor: 0.5 })], validation: (e) => ({ val_accuracy: [0.5, 0.6, 0.55, 0.7][e]! }),
    });
    expect(h.history['learning_rate']).toEqual([1, 1, 1, 0.5]);
  });

  it('refuses an optimizer whose rate is a schedule before training starts (Keras 3: not settable)', async () => {
    const model = new FakeModel({ learningRate: { at: (s: number) => 0.1 / (1 + s), className: 'InverseTimeDecay' } as never });
    await expect(fakeFit(model, { epochs: 2, callbacks: [reduceLROnPlateau()] })).rejects.toThrow(
      "reduceLROnPlateau: the optimizer's learning rate is a schedule, which this callback cannot set; give the optimizer a number as learningRate, or drop the callback. Received: learningRate=InverseTimeDecay");
    expect(model.optimizer!.iterations).toBe(0);
    await expect(fakeFit(new FakeModel({ learningRate: null }), { epochs: 1, callbacks: [reduceLROnPlateau()] })).rejects.toThrow('reduceLROnPlateau: the model has no optimizer; compile it before fit. Received: optimizer=null');
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => reduceLROnPlateau({ factor: 1 })).toThrow('reduceLROnPlateau: factor must be in [0, 1) (new rate = rate × factor). Received: factor=1');
    expect(() => reduceLROnPlateau({ patience: 1.5 })).toThrow('reduceLROnPlateau: patience must be an integer ≥ 0. Received: patience=1.5');
    expect(() => reduceLROnPlateau({ minLr: -1 })).toThrow('reduceLROnPlateau: minLr must be a number ≥ 0. Received: minLr=-1');
  });

  it('round-trips its config through JSON', () => {
    const cb = reduceLROnPlateau({ monitor: 'loss', factor: 0.2, patience: 3, mode: 'min', minDelta: 0.01, cooldown: 1, minLr: 1e-6 });
    const back = deserialize<ReduceLROnPlateau>('callback', JSON.parse(JSON.stringify(serialize(cb))));
    expect(back).toBeInstanceOf(ReduceLROnPlateau);
    expect(back.getConfig()).toEqual({ monitor: 'loss', factor: 0.2, patience: 3, verbose: 0, mode: 'min', minDelta: 0.01, cooldown: 1, minLr: 1e-6 });
  });
});
