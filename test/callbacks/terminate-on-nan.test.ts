import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaCallback, terminateOnNaN, TerminateOnNaN } from '../../src/callbacks/index.js';
import { TesseraError } from '../../src/core/errors.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import { fakeFit } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

afterEach(() => vi.restoreAllMocks());

describe('terminateOnNaN', () => {
  it('stops after the batch whose loss is NaN, naming epoch (1-based) and batch', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = new FakeModel();
    const t = terminateOnNaN();
    const batches: string[] = [];
    const seen = lambdaCallback({ onTrainBatchEnd: (b) => { batches.push(`${b}`); } });
    const h = await fakeFit(model, { epochs: 5, steps: 4, callbacks: [t, seen], batchLoss: (e, b) => (e === 1 && b === 2 ? NaN : 1) });
    expect(h.epoch).toEqual([0, 1]);
    expect(batches).toEqual(['0', '1', '2', '3', '0', '1', '2']);
    expect(model.optimizer!.iterations).toBe(7);
    expect(t.message).toBe('Batch 2 of epoch 2: invalid loss NaN, terminating training (global step 7)'); // a fake model has no layers to search
    expect(warn.mock.calls).toEqual([[t.message]]);
    expect(h.history['loss']![1]).toBeNaN();
  });

  it('stops on an infinite loss too, and not on finite ones', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const t = terminateOnNaN();
    const h = await fakeFit(new FakeModel(), { epochs: 3, steps: 2, callbacks: [t], batchLoss: (e) => (e === 2 ? -Infinity : 1e30) });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(t.message).toBe('Batch 0 of epoch 3: invalid loss -Infinity, terminating training (global step 5)');
  });

  it('with raiseError throws at once, so no onTrainEnd runs (a backup is kept)', async () => {
    const ended = vi.fn();
    const run = fakeFit(new FakeModel(), { epochs: 3, callbacks: [terminateOnNaN({ raiseError: true }), lambdaCallback({ onTrainEnd: ended })], batchLoss: () => NaN });
    await expect(run).rejects.toThrow(TesseraError);
    await expect(fakeFit(new FakeModel(), { epochs: 3, callbacks: [terminateOnNaN({ raiseError: true })], batchLoss: () => NaN }))
      .rejects.toThrow('terminateOnNaN: NaN or Inf loss at batch 0 of epoch 1 (global step 1). Received: loss=NaN');
    expect(ended).not.toHaveBeenCalled();
  });

  it('round-trips its config through JSON', () => {
    const back = deserialize<TerminateOnNaN>('callback', JSON.parse(JSON.stringify(serialize(terminateOnNaN({ raiseError: true })))));
    expect(back).toBeInstanceOf(TerminateOnNaN);
    expect(back.getConfig()).toEqual({ raiseError: true });
    const checking = deserialize<TerminateOnNaN>('callback', JSON.parse(JSON.stringify(serialize(terminateOnNaN({ checkGradients: true })))));
    expect(checking.checkGradients).toBe(true);
    expect(checking.getConfig()).toEqual({ raiseError: false, checkGradients: true });
  });
});
