import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { modelCheckpoint, ModelCheckpoint } from '../../src/callbacks/index.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import { fakeFit, valLosses } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('modelCheckpoint', () => {
  it('with saveBestOnly saves only improvements, named by the template (epoch 1-based)', async () => {
    const model = new FakeModel();
    const filepath = join(dir, 'best', 'model-{epoch:02d}-{val_loss:.2f}');
    const ck = modelCheckpoint({ filepath, saveBestOnly: true });
    await fakeFit(model, { epochs: 5, callbacks: [ck], validation: valLosses([0.5, 0.6, 0.4, 0.4, 0.3]) });
    const expected = ['model-01-0.50', 'model-03-0.40', 'model-05-0.30'].map((n) => join(dir, 'best', n));
    expect(ck.saved).toEqual(expected);
    expect(model.saves).toEqual(expected);
    expect(readdirSync(join(dir, 'best')).sort()).toEqual(['model-01-0.50', 'model-03-0.40', 'model-05-0.30']);
  });

  it('without saveBestOnly saves every epoch; a fixed name is overwritten', async () => {
    const model = new FakeModel();
    const ck = modelCheckpoint({ filepath: join(dir, 'every', 'latest') });
    await fakeFit(model, { epochs: 3, steps: 1, callbacks: [ck] });
    expect(model.saves).toEqual([1, 2, 3].map(() => join(dir, 'every', 'latest')));
    expect(JSON.parse(readFileSync(join(dir, 'every', 'latest', 'weights.json'), 'utf8'))).toEqual([[0.875, 0.875], [0.875]]);
  });

  it('saveWeightsOnly writes a weights file, making its folder', async () => {
    const model = new FakeModel();
    const ck = modelCheckpoint({ filepath: join(dir, 'weights', 'deep', 'w-{epoch}.safetensors'), saveWeightsOnly: true, monitor: 'loss', saveBestOnly: true });
    await fakeFit(model, { epochs: 2, steps: 1, callbacks: [ck], batchLoss: (e) => [0.5, 0.25][e]! });
    expect(model.weightSaves).toEqual([join(dir, 'weights', 'deep', 'w-1.safetensors'), join(dir, 'weights', 'deep', 'w-2.safetensors')]);
    expect(model.saves).toEqual([]);
    expect(existsSync(join(dir, 'weights', 'deep', 'w-2.safetensors'))).toBe(true);
  });

  it('maximises accuracy and starts from initialValueThreshold', async () => {
    const model = new FakeModel();
    const ck = modelCheckpoint({ filepath: join(dir, 'acc', '{epoch}-{val_accuracy:.3f}'), monitor: 'val_accuracy', saveBestOnly: true, initialValueThreshold: 0.7 });
    await fakeFit(model, { epochs: 4, callbacks: [ck], validation: (e) => ({ val_accuracy: [0.6, 0.75, 0.7, 0.8][e]! }) });
    expect(ck.saved.map((p) => p.slice(join(dir, 'acc').length + 1))).toEqual(['2-0.750', '4-0.800']);
  });

  it('saveFreq n saves every n batches, counted across epochs, with {batch} 1-based', async () => {
    const model = new FakeModel();
    const ck = modelCheckpoint({ filepath: join(dir, 'batches', 'e{epoch}-b{batch}'), saveFreq: 2 });
    await fakeFit(model, { epochs: 2, steps: 3, callbacks: [ck] });
    expect(ck.saved.map((p) => p.slice(join(dir, 'batches').length + 1))).toEqual(['e1-b2', 'e2-b1', 'e2-b3']);
  });

  it('with the monitored value missing, warns and saves anyway (Keras)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = new FakeModel();
    const ck = modelCheckpoint({ filepath: join(dir, 'missing', '{epoch}'), saveBestOnly: true });
    await fakeFit(model, { epochs: 2, steps: 1, callbacks: [ck] });
    expect(ck.saved.length).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe("modelCheckpoint: 'val_loss' is not in the logs (available: loss, learning_rate); saving anyway");
  });

  it('verbose 1 prints the Keras messages', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const model = new FakeModel();
    const path = join(dir, 'verbose', 'm');
    await fakeFit(model, { epochs: 2, steps: 1, callbacks: [modelCheckpoint({ filepath: path, saveBestOnly: true, verbose: 1 })], validation: valLosses([0.5, 0.7]) });
    expect(log.mock.calls).toEqual([[`Epoch 1: val_loss improved from None to 0.50000, saving model to ${path}`], ['Epoch 2: val_loss did not improve from 0.50000']]);
  });

  it('a template key that is not logged is an error naming the logged ones', async () => {
    const ck = modelCheckpoint({ filepath: join(dir, 'bad', '{val_acc:.2f}') });
    await expect(fakeFit(new FakeModel(), { epochs: 1, callbacks: [ck], validation: valLosses([1]) }))
      .rejects.toThrow(`modelCheckpoint: the filepath uses {val_acc}, which is not in the logs (available: epoch, loss, val_loss, learning_rate). Received: filepath=${join(dir, 'bad', '{val_acc:.2f}')}`);
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => modelCheckpoint({} as never)).toThrow('modelCheckpoint: filepath is required. Received: filepath=undefined');
    expect(() => modelCheckpoint({ filepath: 'x', saveFreq: 0 })).toThrow("modelCheckpoint: saveFreq must be 'epoch' or an integer ≥ 1. Received: saveFreq=0");
    expect(() => modelCheckpoint({ filepath: 'x', saveFreq: 'batch' as never })).toThrow('Received: saveFreq=batch');
  });

  it('round-trips its config through JSON', () => {
    const ck = modelCheckpoint({ filepath: 'ckpt/{epoch:03d}', monitor: 'val_accuracy', saveBestOnly: true, saveWeightsOnly: true, mode: 'max', saveFreq: 100, initialValueThreshold: 0.5 });
    const back = deserialize<ModelCheckpoint>('callback', JSON.parse(JSON.stringify(serialize(ck))));
    expect(back).toBeInstanceOf(ModelCheckpoint);
    expect(back.getConfig()).toEqual(ck.getConfig());
    expect(back.getConfig()).toEqual({ filepath: 'ckpt/{epoch:03d}', monitor: 'val_accuracy', verbose: 0, saveBestOnly: true, saveWeightsOnly: true, mode: 'max', saveFreq: 100, initialValueThreshold: 0.5 });
  });
});
