/** Callbacks driven by a real fit: early stopping, checkpoints, resuming after a crash, LR changes. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-cb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function data(): { x: Tensor; y: Tensor } {
  const x = tsr.randomNormal([96, 5], { key: tsr.randomKey(11) });
  const y = tsr.cast(tsr.greater(tsr.sum(x, -1), 0), 'int32');
  return { x, y };
}

function build(lr = 0.05): tsr.Sequential {
  tsr.setSeed(5);
  const m = tsr.sequential([tsr.layers.dense({ units: 8, activation: 'relu', inputShape: [5] }), tsr.layers.dropout({ rate: 0.1 }), tsr.layers.dense({ units: 2 })]);
  m.compile({ optimizer: tsr.optimizers.adam({ learningRate: lr }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
  return m;
}

const weightsOf = (m: tsr.Model): number[][] => m.getWeights().map((w) => Array.from(w.dataSync() as Float32Array));

describe('callbacks in fit', () => {
  it('earlyStopping stops after `patience` epochs without improvement and restores the best weights', async () => {
    tsr.setBackend('reference');
    const { x, y } = data();
    const m = build(0.5); // a large rate, so validation loss stops improving quickly
    let best: number[][] | null = null;
    let bestLoss = Infinity;
    const watch = tsr.callbacks.lambdaCallback({ onEpochEnd: (_e, logs) => { if (logs['val_loss']! < bestLoss) { bestLoss = logs['val_loss']!; best = weightsOf(m); } } });
    const es = tsr.callbacks.earlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
    const h = await m.fit(x, y, { epochs: 40, batchSize: 16, verbose: 0, validationSplit: 0.25, callbacks: [watch, es] });
    expect(h.epoch.length).toBeLessThan(40);
    expect(es.stoppedEpoch).toBe(h.epoch.length - 1);
    expect(es.stoppedEpoch - es.bestEpoch).toBe(2);
    expect(weightsOf(m)).toEqual(best);
  });

  it('modelCheckpoint saves only improvements, named by the template; the saved model loads', async () => {
    tsr.setBackend('reference');
    const { x, y } = data();
    const m = build();
    const ck = tsr.callbacks.modelCheckpoint({ filepath: join(dir, 'ck', 'm-{epoch:02d}-{val_loss:.3f}'), saveBestOnly: true });
    const h = await m.fit(x, y, { epochs: 4, batchSize: 16, verbose: 0, validationSplit: 0.25, callbacks: [ck] });
    const vl = h.history['val_loss']!;
    let best = Infinity;
    const expected = vl.flatMap((v, e) => (v < best ? ((best = v), [join(dir, 'ck', `m-${String(e + 1).padStart(2, '0')}-${v.toFixed(3)}`)]) : []));
    expect(ck.saved).toEqual(expected);
    expect(readdirSync(join(dir, 'ck')).length).toBe(expected.length);
    const loaded = await tsr.loadModel(expected[expected.length - 1]!);
    expect(loaded.optimizer!.className).toBe('Adam');
  });

  it('backupAndRestore: a run that crashes mid-training resumes and ends with the uninterrupted weights', async () => {
    tsr.setBackend('reference');
    const { x, y } = data();
    const straight = build();
    await straight.fit(x, y, { epochs: 5, batchSize: 16, verbose: 0 });

    const backupDir = join(dir, 'backup');
    const crashing = build();
    const crash = tsr.callbacks.lambdaCallback({ onEpochEnd: (epoch) => { if (epoch === 2) throw new Error('simulated crash'); } });
    await expect(crashing.fit(x, y, { epochs: 5, batchSize: 16, verbose: 0, callbacks: [crash, tsr.callbacks.backupAndRestore({ backupDir })] })).rejects.toThrow('simulated crash');
    expect(existsSync(join(backupDir, 'state.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(backupDir, 'state.json'), 'utf8')).epoch).toBe(1);

    tsr.setSeed(12345); // a new process: different global random state
    const resumed = build();
    const epochs: number[] = [];
    const seen = tsr.callbacks.lambdaCallback({ onEpochBegin: (e) => { epochs.push(e); } });
    await resumed.fit(x, y, { epochs: 5, batchSize: 16, verbose: 0, callbacks: [tsr.callbacks.backupAndRestore({ backupDir }), seen] });
    expect(epochs).toEqual([2, 3, 4]);
    expect(weightsOf(resumed)).toEqual(weightsOf(straight));
    expect(existsSync(backupDir)).toBe(false); // deleted after a finished run
  });

  it('reduceLROnPlateau and learningRateScheduler change the rate the compiled step uses', async () => {
    tsr.setBackend('onnxruntime');
    const { x, y } = data();
    const m = build();
    const h = await m.fit(x, y, { epochs: 3, batchSize: 32, verbose: 0, callbacks: [tsr.callbacks.learningRateScheduler((e) => 0.1 / (e + 1))] });
    expect(h.history['learning_rate']!.map((v) => Number(v.toFixed(6)))).toEqual([0.1, 0.05, 0.033333]);
    const frozen = build(0.05);
    const before = weightsOf(frozen);
    await frozen.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, callbacks: [tsr.callbacks.learningRateScheduler(() => 0)] });
    expect(weightsOf(frozen)).toEqual(before); // lr 0 fed to the same compiled step: nothing moves
    const plateau = build(0.05);
    const r = tsr.callbacks.reduceLROnPlateau({ monitor: 'loss', patience: 0, factor: 0.5, minDelta: 100 });
    const hp = await plateau.fit(x, y, { epochs: 3, batchSize: 32, verbose: 0, callbacks: [r] });
    expect(hp.history['learning_rate']!.map((v) => Number(v.toFixed(6)))).toEqual([0.05, 0.05, 0.025]); // logged before each epoch's reduction, as Keras
    tsr.setBackend('reference');
  });

  it('terminateOnNaN stops when the loss turns NaN', async () => {
    tsr.setBackend('reference');
    const m = build();
    const x = tsr.tensor([[1, 2, 3, 4, NaN], [1, 1, 1, 1, 1]]);
    const t = tsr.callbacks.terminateOnNaN();
    const h = await m.fit(x, tsr.tensor([0, 1], [2], 'int32'), { epochs: 3, batchSize: 2, verbose: 0, callbacks: [t] });
    expect(h.epoch).toEqual([0]);
    expect(t.message).toMatch(/Batch 0 of epoch 1: invalid loss NaN/);
  });

  it('prints Keras progress lines (non-TTY: one line per epoch)', async () => {
    tsr.setBackend('reference');
    const { x, y } = data();
    const m = build();
    const lines: string[] = [];
    let now = 0;
    const bar = tsr.callbacks.progbarLogger({ stream: { write: (s: string) => { lines.push(s); }, isTTY: false }, now: () => (now += 10) });
    await m.fit(x, y, { epochs: 2, batchSize: 48, verbose: 0, callbacks: [bar] });
    expect(lines[0]).toBe('Epoch 1/2\n');
    expect(lines[1]).toMatch(/^2\/2 ━{20} 0s \d+ms\/step \d+ samples\/s - accuracy: \d\.\d{4} - loss: \d\.\d{4}\n$/);
    expect(lines[2]).toBe('Epoch 2/2\n');
  });
});
