import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupAndRestore, BackupAndRestore, lambdaCallback } from '../../src/callbacks/index.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import { fakeFit } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

const root = mkdtempSync(join(tmpdir(), 'tessera-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `run-${n++}`);

/** Fails the run at the end of `epoch`, before the backup of that epoch (it comes later in the list). */
const crashAtEpochEnd = (epoch: number) => lambdaCallback({ onEpochEnd: (e) => { if (e === epoch) throw new Error('simulated crash'); } });
const readState = (dir: string): unknown => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));

async function uninterrupted(epochs: number): Promise<FakeModel> {
  const model = new FakeModel({ learningRate: 0.3 });
  await fakeFit(model, { epochs });
  return model;
}

describe('backupAndRestore', () => {
  it('after a crash, the next fit resumes after the last backed-up epoch and ends as an uninterrupted run', async () => {
    const backupDir = freshDir();
    const crashed = new FakeModel({ learningRate: 0.3 });
    await expect(fakeFit(crashed, { epochs: 5, callbacks: [crashAtEpochEnd(2), backupAndRestore({ backupDir })] })).rejects.toThrow('simulated crash');
    expect(readState(backupDir)).toEqual({ epoch: 1, batch: null, folder: 'backup-2' });
    expect(readdirSync(backupDir).sort()).toEqual(['backup-2', 'state.json']); // the epoch-0 backup was replaced

    const resumed = new FakeModel({ learningRate: 0.1 }); // a new process; its own rate is replaced by the saved one
    const epochs: number[] = [];
    const cb = backupAndRestore({ backupDir });
    const h = await fakeFit(resumed, { epochs: 5, callbacks: [cb, lambdaCallback({ onEpochBegin: (e) => { epochs.push(e); } })] });
    expect(cb.resumedAt).toBe(2);
    expect(epochs).toEqual([2, 3, 4]);
    expect(h.epoch).toEqual([2, 3, 4]);
    const straight = await uninterrupted(5);
    expect(resumed.weightValues()).toEqual(straight.weightValues());
    expect(resumed.optimizer!.iterations).toBe(15);
    expect(existsSync(backupDir)).toBe(false); // deleted after a finished run
  });

  it('a run killed while saving leaves the previous backup, which the next run resumes from', async () => {
    const backupDir = freshDir();
    const model = new FakeModel({ learningRate: 0.3 });
    const killDuringSave = lambdaCallback({ onEpochEnd: (e) => { if (e === 2) model.failSaveAfterFiles = 1; } });
    await expect(fakeFit(model, { epochs: 5, callbacks: [killDuringSave, backupAndRestore({ backupDir })] })).rejects.toThrow('killed while saving');
    expect(readState(backupDir)).toEqual({ epoch: 1, batch: null, folder: 'backup-2' });
    expect(readdirSync(join(backupDir, 'backup-3'))).toEqual(['weights.json']); // the torn save, ignored
    // A kill between writing the new state and renaming it leaves a temporary file, also ignored.
    writeFileSync(join(backupDir, 'state.json.tmp-999-1'), '{"epoch": 3, "fol');

    const resumed = new FakeModel({ learningRate: 0.3 });
    let during: string[] = [];
    const look = lambdaCallback({ onEpochEnd: (e) => { if (e === 2) during = readdirSync(backupDir).sort(); } });
    const h = await fakeFit(resumed, { epochs: 5, callbacks: [backupAndRestore({ backupDir }), look] });
    expect(h.epoch).toEqual([2, 3, 4]);
    expect(during).toEqual(['backup-3', 'state.json']); // rewritten whole, stale files gone
    expect(resumed.weightValues()).toEqual((await uninterrupted(5)).weightValues());
  });

  it('with deleteCheckpoint false the backup stays, and a later fit with nothing left to do runs no epoch', async () => {
    const backupDir = freshDir();
    await fakeFit(new FakeModel(), { epochs: 3, callbacks: [backupAndRestore({ backupDir, deleteCheckpoint: false })] });
    expect(readState(backupDir)).toEqual({ epoch: 2, batch: null, folder: 'backup-3' });
    const again = new FakeModel();
    const h = await fakeFit(again, { epochs: 3, callbacks: [backupAndRestore({ backupDir, deleteCheckpoint: false })] });
    expect(h.epoch).toEqual([]);
    expect(again.optimizer!.iterations).toBe(9); // the state was loaded
  });

  it('saveFreq n backs up every n batches and at epoch ends; a resumed run goes on after the batch backed up', async () => {
    const backupDir = freshDir();
    const states: unknown[] = [];
    const watch = lambdaCallback({ onTrainBatchEnd: () => { if (existsSync(join(backupDir, 'state.json'))) states.push(readState(backupDir)); } });
    const crash = lambdaCallback({ onTrainBatchEnd: (b) => { if (b === 2 && states.length >= 5) throw new Error('simulated crash'); } });
    await expect(fakeFit(new FakeModel({ learningRate: 0.3 }), { epochs: 3, steps: 3, callbacks: [backupAndRestore({ backupDir, saveFreq: 2 }), watch, crash] })).rejects.toThrow('simulated crash');
    // State at each batch end: none after batch 0; epoch 0's batch 1 is saved (backup-1), batch 2 is
    // not, but the epoch's end is (backup-2); epoch 1's batch 1 is saved (backup-3); the crash comes at its batch 2.
    expect(states).toEqual([
      { epoch: -1, batch: 1, folder: 'backup-1' }, { epoch: -1, batch: 1, folder: 'backup-1' },
      { epoch: 0, batch: null, folder: 'backup-2' }, { epoch: 0, batch: 1, folder: 'backup-3' },
      { epoch: 0, batch: 1, folder: 'backup-3' },
    ]);
    const resumed = new FakeModel({ learningRate: 0.3 });
    const batches: string[] = [];
    const cb = backupAndRestore({ backupDir, saveFreq: 2 });
    const h = await fakeFit(resumed, { epochs: 3, steps: 3, callbacks: [cb, lambdaCallback({ onTrainBatchBegin: (b) => { batches.push(`${cb.resumedAt}:${b}`); } })] });
    expect([cb.resumedAt, cb.resumedBatch]).toEqual([1, 2]);
    expect(batches.slice(0, 2)).toEqual(['1:2', '1:0']); // epoch 1 from batch 2, then epoch 2 from 0
    expect(h.epoch).toEqual([1, 2]);
    expect(resumed.optimizer!.iterations).toBe(9);
    expect(resumed.weightValues()).toEqual((await uninterrupted(3)).weightValues());
  });

  it('an interrupt (onTrainInterrupt) backs up the batch, even with saveFreq epoch; a backup after an epoch\'s last batch resumes at the next epoch', async () => {
    const backupDir = freshDir();
    const model = new FakeModel({ learningRate: 0.3 });
    const cb = backupAndRestore({ backupDir });
    const stop = lambdaCallback({ onTrainBatchEnd: async (b) => { if (model.optimizer!.iterations === 5) { await cb.onTrainInterrupt(1, b, { loss: 1 }); throw new Error('interrupted'); } } });
    await expect(fakeFit(model, { epochs: 3, steps: 3, callbacks: [cb, stop] })).rejects.toThrow('interrupted');
    expect(readState(backupDir)).toEqual({ epoch: 0, batch: 1, folder: 'backup-2' });
    const resumed = new FakeModel({ learningRate: 0.3 });
    await fakeFit(resumed, { epochs: 3, steps: 3, callbacks: [backupAndRestore({ backupDir })] });
    expect(resumed.optimizer!.iterations).toBe(9);
    expect(resumed.weightValues()).toEqual((await uninterrupted(3)).weightValues());
  });

  it('never backs up a non-finite state, and keeps the last finite backup when the run ends', async () => {
    const backupDir = freshDir();
    const model = new FakeModel({ learningRate: 0.3 });
    const h = await fakeFit(model, { epochs: 3, steps: 3, batchLoss: (e, b) => (e === 1 && b === 1 ? NaN : 1), callbacks: [backupAndRestore({ backupDir, saveFreq: 1 })] });
    expect(h.epoch).toEqual([0, 1, 2]); // nothing stopped this fake run
    expect(readState(backupDir)).toEqual({ epoch: 0, batch: 0, folder: 'backup-4' }); // epoch 1, batch 0: the last finite one
  });

  it('deletes only its own files', async () => {
    const backupDir = freshDir();
    mkdirSync(backupDir, { recursive: true });
    writeFileSync(join(backupDir, 'notes.txt'), 'mine');
    await fakeFit(new FakeModel(), { epochs: 2, callbacks: [backupAndRestore({ backupDir })] });
    expect(readdirSync(backupDir)).toEqual(['notes.txt']);
  });

  it('a state file it did not write is an error that says how to start afresh', async () => {
    const backupDir = freshDir();
    mkdirSync(backupDir, { recursive: true });
    writeFileSync(join(backupDir, 'state.json'), '{"epoch": "two"}');
    await expect(fakeFit(new FakeModel(), { epochs: 2, callbacks: [backupAndRestore({ backupDir })] }))
      .rejects.toThrow(`backupAndRestore: ${backupDir}/state.json is not a backup state written by this callback; delete ${backupDir} to start afresh. Received: {"epoch": "two"}`);
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => backupAndRestore({} as never)).toThrow('backupAndRestore: backupDir is required. Received: backupDir=undefined');
    expect(() => backupAndRestore({ backupDir: 'b', saveFreq: -2 })).toThrow("backupAndRestore: saveFreq must be 'epoch' or an integer ≥ 1. Received: saveFreq=-2");
  });

  it('round-trips its config through JSON', () => {
    const back = deserialize<BackupAndRestore>('callback', JSON.parse(JSON.stringify(serialize(backupAndRestore({ backupDir: 'runs/backup/', saveFreq: 50, deleteCheckpoint: false })))));
    expect(back).toBeInstanceOf(BackupAndRestore);
    expect(back.getConfig()).toEqual({ backupDir: 'runs/backup', saveFreq: 50, deleteCheckpoint: false });
  });
});
