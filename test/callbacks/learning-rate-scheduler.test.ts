import { afterEach, describe, expect, it, vi } from 'vitest';
import { learningRateScheduler } from '../../src/callbacks/index.js';
import { fakeFit } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

afterEach(() => vi.restoreAllMocks());

describe('learningRateScheduler', () => {
  it('sets the rate at each epoch start from schedule(epoch, currentRate) and logs it', async () => {
    const calls: [number, number][] = [];
    const model = new FakeModel({ learningRate: 0.4 });
    const schedule = (epoch: number, lr: number): number => {
      calls.push([epoch, lr]);
      return epoch < 2 ? lr : lr / 2;
    };
    const h = await fakeFit(model, { epochs: 4, steps: 1, callbacks: [learningRateScheduler(schedule)] });
    expect(calls).toEqual([[0, 0.4], [1, 0.4], [2, 0.4], [3, 0.2]]);
    expect(h.history['learning_rate']).toEqual([0.4, 0.4, 0.2, 0.1]);
    // The training steps used those rates: w = 1 − Π(1 − lrₑ) from 0.
    expect(model.weightValues()[1]![0]).toBe(Math.fround(1 - 0.6 * 0.6 * 0.8 * 0.9));
  });

  it('resumes with the epoch index fit starts at', async () => {
    const epochs: number[] = [];
    await fakeFit(new FakeModel(), { epochs: 4, initialEpoch: 2, callbacks: [learningRateScheduler((e) => { epochs.push(e); return 0.1; })] });
    expect(epochs).toEqual([2, 3]);
  });

  it('verbose 1 prints the Keras message', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await fakeFit(new FakeModel(), { epochs: 2, callbacks: [learningRateScheduler((e) => 1e-5 * (e + 1), 1)] });
    expect(log.mock.calls).toEqual([['Epoch 1: LearningRateScheduler setting learning rate to 1e-05.'], ['Epoch 2: LearningRateScheduler setting learning rate to 2e-05.']]);
  });

  it('rejects schedules that return something other than a rate, and schedule-driven optimizers', async () => {
    await expect(fakeFit(new FakeModel(), { epochs: 2, callbacks: [learningRateScheduler((e) => (e === 1 ? NaN : 0.1))] }))
      .rejects.toThrow('learningRateScheduler: the schedule must return a finite number ≥ 0. Received: NaN at epoch 1');
    await expect(fakeFit(new FakeModel(), { epochs: 1, callbacks: [learningRateScheduler(() => '0.1' as never)] })).rejects.toThrow('Received: 0.1 at epoch 0');
    await expect(fakeFit(new FakeModel({ learningRate: { at: () => 0.1 } }), { epochs: 1, callbacks: [learningRateScheduler(() => 0.1)] }))
      .rejects.toThrow("learningRateScheduler: the optimizer's learning rate is a schedule");
    expect(() => learningRateScheduler(0.1 as never)).toThrow('learningRateScheduler: schedule must be a function (epoch, lr) => lr. Received: number');
  });
});
