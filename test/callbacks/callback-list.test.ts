import { afterEach, describe, expect, it, vi } from 'vitest';
import { Callback, CallbackList, History, lambdaCallback, type Logs, type TrainingParams } from '../../src/callbacks/index.js';
import { TesseraError } from '../../src/core/errors.js';
import { fakeFit, valLosses } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

afterEach(() => vi.restoreAllMocks());

/** Records every hook call as a string. */
class Recorder extends Callback {
  readonly calls: string[] = [];
  override onTrainBegin(): void { this.calls.push('trainBegin'); }
  override onTrainEnd(): void { this.calls.push('trainEnd'); }
  override onEpochBegin(epoch: number): void { this.calls.push(`epochBegin ${epoch}`); }
  override onEpochEnd(epoch: number, logs: Logs): void { this.calls.push(`epochEnd ${epoch} loss=${logs['loss']!.toFixed(4)}`); }
  override onTrainBatchBegin(batch: number, logs: Logs): void { this.calls.push(`batchBegin ${batch} size=${logs['size']}`); }
  override onTrainBatchEnd(batch: number, logs: Logs): void { this.calls.push(`batchEnd ${batch} loss=${logs['loss']!.toFixed(4)}`); }
}

describe('CallbackList', () => {
  it('calls the hooks in fit order with 0-based epochs and running-mean batch logs', async () => {
    const rec = new Recorder();
    await fakeFit(new FakeModel(), { epochs: 2, steps: 2, callbacks: [rec], batchLoss: (e, b) => [[4, 2], [1, 3]][e]![b]! });
    expect(rec.calls).toEqual([
      'trainBegin',
      'epochBegin 0', 'batchBegin 0 size=32', 'batchEnd 0 loss=4.0000', 'batchBegin 1 size=32', 'batchEnd 1 loss=3.0000', 'epochEnd 0 loss=3.0000',
      'epochBegin 1', 'batchBegin 0 size=32', 'batchEnd 0 loss=1.0000', 'batchBegin 1 size=32', 'batchEnd 1 loss=2.0000', 'epochEnd 1 loss=2.0000',
      'trainEnd',
    ]);
  });

  it('sets model and params on every callback before any hook', () => {
    const model = new FakeModel();
    const params: TrainingParams = { epochs: 3, steps: 10, verbose: 0, initialEpoch: 0 };
    const a = new Recorder(), b = new Recorder();
    const list = new CallbackList([a, b], { model, params });
    expect([a.model, b.model, a.params, b.params]).toEqual([model, model, params, params]);
    expect(list.callbacks).toEqual([a, b]);
  });

  it('awaits each async hook before the next callback, and later callbacks see logs written by earlier ones', async () => {
    const order: string[] = [];
    const slow = lambdaCallback({
      onEpochEnd: async (_e, logs) => {
        await new Promise((r) => setTimeout(r, 20));
        order.push('slow done');
        logs['extra'] = 7;
      },
    });
    let seen: number | undefined;
    const fast = lambdaCallback({ onEpochEnd: (_e, logs) => { order.push('fast'); seen = logs['extra']; } });
    const after = new History();
    const first = await fakeFit(new FakeModel(), { epochs: 1, callbacks: [slow, fast, after] });
    expect(order).toEqual(['slow done', 'fast']);
    expect(seen).toBe(7);
    // History copies the values when its own hook runs: placed after, it has them; placed first, not.
    expect(after.history['extra']).toEqual([7]);
    expect(first.history['extra']).toBeUndefined();
  });

  it('an error thrown by a hook propagates out of fit and stops the other callbacks', async () => {
    const after = vi.fn();
    const boom = lambdaCallback({ onEpochBegin: (e) => { if (e === 1) throw new Error('hook failed'); } });
    await expect(fakeFit(new FakeModel(), { epochs: 3, callbacks: [boom, lambdaCallback({ onEpochBegin: after })] })).rejects.toThrow('hook failed');
    expect(after).toHaveBeenCalledTimes(1);
  });
});

describe('History', () => {
  it('records each epoch and each log key', async () => {
    const h = await fakeFit(new FakeModel({ learningRate: 0.25 }), { epochs: 3, steps: 1, batchLoss: (e) => 1 / (e + 1), validation: valLosses([0.9, 0.8, 0.7]) });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(h.history).toEqual({ loss: [1, 0.5, 1 / 3], val_loss: [0.9, 0.8, 0.7], learning_rate: [0.25, 0.25, 0.25] });
  });

  it('starts afresh at each training begin', async () => {
    const h = new History();
    await fakeFit(new FakeModel(), { epochs: 2, callbacks: [h] });
    await fakeFit(new FakeModel(), { epochs: 1, callbacks: [h] });
    expect(h.epoch).toEqual([0]);
    expect(h.history['loss']!.length).toBe(1);
  });
});

describe('lambdaCallback', () => {
  it('runs the given hooks with their arguments and `this` bound to the callback', async () => {
    const got: string[] = [];
    const cb = lambdaCallback({
      onTrainBegin: () => { got.push('begin'); },
      onEpochEnd(epoch, logs) { got.push(`${epoch}:${logs['val_loss']}:${this === cb}`); },
      onTrainEnd: () => { got.push('end'); },
    });
    await fakeFit(new FakeModel(), { epochs: 2, callbacks: [cb], validation: valLosses([0.5, 0.25]) });
    expect(got).toEqual(['begin', '0:0.5:true', '1:0.25:true', 'end']);
  });

  it('rejects misspelt hooks and non-functions, naming what it received', () => {
    expect(() => lambdaCallback({ onEpochEnds: () => {} } as never)).toThrow(/lambdaCallback: unknown hook 'onEpochEnds' \(known: onTrainBegin, .*\)\. Received: onEpochEnds/);
    expect(() => lambdaCallback({ onEpochEnd: 3 } as never)).toThrow('lambdaCallback: onEpochEnd must be a function. Received: onEpochEnd=3');
    expect(() => lambdaCallback(null as never)).toThrow(TesseraError);
  });
});

describe('subclassing Callback', () => {
  it('a user subclass can stop training and read params', async () => {
    class StopAt extends Callback {
      override onEpochEnd(epoch: number): void {
        if (epoch + 1 >= this.params!.epochs / 2) this.model!.stopTraining = true;
      }
    }
    const h = await fakeFit(new FakeModel(), { epochs: 6, callbacks: [new StopAt()] });
    expect(h.epoch).toEqual([0, 1, 2]);
  });

  it('a callback used outside fit says so', () => {
    class NeedsModel extends Callback {
      override onEpochEnd(): void {
        this.requireModel('needsModel');
      }
    }
    expect(() => new NeedsModel().onEpochEnd()).toThrow('needsModel: no model is set; pass the callback to fit({callbacks}) or call setModel(model) first. Received: model=null');
  });
});
