import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlyStopping, EarlyStopping } from '../../src/callbacks/index.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import { fakeFit, valLosses } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

afterEach(() => vi.restoreAllMocks());

/** Weights of the fake model after n steps at rate 0.5 from 0: 1 − 0.5ⁿ. */
const after = (n: number): number[][] => [[1 - 0.5 ** n, 1 - 0.5 ** n], [1 - 0.5 ** n]];

describe('earlyStopping', () => {
  it('stops `patience` epochs after the best one and restores its weights', async () => {
    const model = new FakeModel();
    const es = earlyStopping({ patience: 2, restoreBestWeights: true });
    const h = await fakeFit(model, { epochs: 10, steps: 3, callbacks: [es], validation: valLosses([1.0, 0.8, 0.9, 0.85, 0.5]) });
    expect(h.epoch).toEqual([0, 1, 2, 3]);
    expect([es.stoppedEpoch, es.bestEpoch, es.best, es.wait]).toEqual([3, 1, 0.8, 2]);
    expect(model.weightValues()).toEqual(after(6)); // end of epoch 1: 2 epochs × 3 steps
  });

  it('without restoreBestWeights keeps the last weights', async () => {
    const model = new FakeModel();
    await fakeFit(model, { epochs: 10, steps: 3, callbacks: [earlyStopping({ patience: 2 })], validation: valLosses([1.0, 0.8, 0.9, 0.85, 0.5]) });
    expect(model.weightValues()).toEqual(after(12).map((w) => w.map(Math.fround)));
  });

  it('restores the best weights at the end of training even when it did not stop early (Keras 3)', async () => {
    const model = new FakeModel();
    const es = earlyStopping({ patience: 5, restoreBestWeights: true });
    const h = await fakeFit(model, { epochs: 3, steps: 3, callbacks: [es], validation: valLosses([0.5, 0.6, 0.7]) });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(es.stoppedEpoch).toBe(0);
    expect(model.weightValues()).toEqual(after(3));
  });

  it('patience 0 stops at the first epoch without improvement, never at epoch 0', async () => {
    const h = await fakeFit(new FakeModel(), { epochs: 10, callbacks: [earlyStopping()], validation: valLosses([1, 0.9, 0.95, 0.1]) });
    expect(h.epoch).toEqual([0, 1, 2]);
  });

  it('an improvement smaller than minDelta does not count', async () => {
    const es = earlyStopping({ minDelta: 0.1, patience: 1 });
    const h = await fakeFit(new FakeModel(), { epochs: 10, callbacks: [es], validation: valLosses([1.0, 0.95, 0.5]) });
    expect(h.epoch).toEqual([0, 1]);
    expect(es.best).toBe(1.0);
  });

  it("maximises accuracy-like values in 'auto' mode, and follows an explicit mode", async () => {
    const acc = (values: number[]) => (e: number) => ({ val_accuracy: values[e]! });
    const auto = await fakeFit(new FakeModel(), { epochs: 10, callbacks: [earlyStopping({ monitor: 'val_accuracy', patience: 1 })], validation: acc([0.5, 0.6, 0.55, 0.7]) });
    expect(auto.epoch).toEqual([0, 1, 2]);
    const min = await fakeFit(new FakeModel(), { epochs: 10, callbacks: [earlyStopping({ monitor: 'val_accuracy', mode: 'min', patience: 0 })], validation: acc([0.5, 0.6, 0.55, 0.7]) });
    expect(min.epoch).toEqual([0, 1]);
  });

  it('with a baseline, improvements that do not beat it leave the wait running', async () => {
    const values = valLosses([0.9, 0.8, 0.85, 0.7, 0.6]);
    const withBaseline = await fakeFit(new FakeModel(), { epochs: 10, callbacks: [earlyStopping({ patience: 3, baseline: 0.5 })], validation: values });
    expect(withBaseline.epoch).toEqual([0, 1, 2]); // waits 1, 2, 3 → stop at the first non-improvement
    const without = await fakeFit(new FakeModel(), { epochs: 5, callbacks: [earlyStopping({ patience: 3 })], validation: values });
    expect(without.epoch).toEqual([0, 1, 2, 3, 4]);
  });

  it('restores the first monitored epoch when none beats the baseline', async () => {
    const model = new FakeModel();
    const es = earlyStopping({ patience: 2, baseline: 0.1, restoreBestWeights: true });
    await fakeFit(model, { epochs: 10, steps: 1, callbacks: [es], validation: valLosses([0.5, 0.6, 0.7, 0.8]) });
    expect([es.stoppedEpoch, es.bestEpoch]).toEqual([1, 0]);
    expect(model.weightValues()).toEqual(after(1));
  });

  it('ignores the epochs before startFromEpoch', async () => {
    const es = earlyStopping({ patience: 0, startFromEpoch: 2 });
    const h = await fakeFit(new FakeModel(), { epochs: 10, callbacks: [es], validation: valLosses([1, 2, 3, 4, 5]) });
    expect(h.epoch).toEqual([0, 1, 2, 3]);
    expect([es.bestEpoch, es.best]).toEqual([2, 3]);
  });

  it('warns once and never stops when the monitored key is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = await fakeFit(new FakeModel({ learningRate: 0.1 }), { epochs: 3, callbacks: [earlyStopping({ patience: 0 })] });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(warn.mock.calls).toEqual([["earlyStopping: 'val_loss' is not in the logs (available: loss, learning_rate); skipping"]]);
  });

  it('verbose 1 prints the Keras messages', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await fakeFit(new FakeModel(), { epochs: 10, callbacks: [earlyStopping({ patience: 1, verbose: 1, restoreBestWeights: true })], validation: valLosses([1, 0.5, 0.6, 0.7]) });
    expect(log.mock.calls).toEqual([['Epoch 3: early stopping'], ['Restoring model weights from the end of the best epoch: 2.']]);
  });

  it('a second fit starts from a clean state', async () => {
    const es = earlyStopping({ patience: 0 });
    await fakeFit(new FakeModel(), { epochs: 10, callbacks: [es], validation: valLosses([0.1, 0.2]) });
    const h = await fakeFit(new FakeModel(), { epochs: 3, callbacks: [es], validation: valLosses([5, 4, 3]) });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(es.best).toBe(3);
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => earlyStopping({ patience: -1 })).toThrow('earlyStopping: patience must be an integer ≥ 0. Received: patience=-1');
    expect(() => earlyStopping({ mode: 'up' as never })).toThrow("earlyStopping: mode must be 'auto', 'min' or 'max'. Received: mode=up");
    expect(() => earlyStopping({ monitor: 'val_widgets' })).toThrow("earlyStopping: cannot tell whether 'val_widgets' should be minimised or maximised; pass mode: 'min' or 'max'. Received: monitor=val_widgets, mode=auto");
    expect(() => earlyStopping({ monitor: 'val_widgets', mode: 'max' })).not.toThrow();
  });

  it('round-trips its config through JSON', () => {
    const es = earlyStopping({ monitor: 'val_accuracy', minDelta: 0.01, patience: 3, baseline: 0.9, restoreBestWeights: true, startFromEpoch: 2 });
    const back = deserialize<EarlyStopping>('callback', JSON.parse(JSON.stringify(serialize(es))));
    expect(back).toBeInstanceOf(EarlyStopping);
    expect(back.getConfig()).toEqual({ monitor: 'val_accuracy', minDelta: 0.01, patience: 3, verbose: 0, mode: 'auto', baseline: 0.9, restoreBestWeights: true, startFromEpoch: 2 });
  });
});
