/**
 * Resuming fit mid-epoch (BackupAndRestore with saveFreq 1, src/train/loop.ts): after a crash or an
 * interrupt at any batch, a new fit from the backup ends with exactly the weights of an
 * uninterrupted run — the data order of each epoch (tensors shuffled by fit, or a tsr.data Dataset
 * with its own shuffle) and the dropout keys are functions of the saved state, not of the process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { TrainingInterrupted } from '../../src/train/loop.js';
import { BATCHES_PER_EPOCH, EPOCHS, trainRun, type ResumeDataKind } from './fixtures/resume-child.js';

const root = mkdtempSync(join(tmpdir(), 'tessera-resume-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `run-${n++}`);

/** Throws after global step `step` (the backup of that batch is written first: it comes earlier in the list). */
const crashAfter = (step: number) => {
  let seen = 0;
  return tsr.callbacks.lambdaCallback({ onTrainBatchEnd: () => { if (++seen === step) throw new Error(`simulated crash after step ${step}`); } });
};

describe('fit resumed from a mid-epoch backup', () => {
  for (const kind of ['tensors', 'dataset'] as ResumeDataKind[]) {
    it(`${kind}: crashes after steps 4, 13 and 20 (mid-epoch and at an epoch's last batch), resumed each time, end with the uninterrupted weights bit for bit`, async () => {
      const reference = await trainRun({ kind });
      const backupDir = freshDir();
      let done = 0;
      for (const step of [4, 13, 20]) {
        await expect(trainRun({ kind, backupDir, callbacks: [crashAfter(step - done)] })).rejects.toThrow('simulated crash');
        done = step;
        const state = JSON.parse(readFileSync(join(backupDir, 'state.json'), 'utf8')) as { epoch: number; batch: number | null };
        // Step 20 is epoch 1's last batch: its backup is at batch 9 of epoch 1 (the epoch-end state comes later).
        expect(state).toMatchObject({ epoch: Math.floor((step - 1) / BATCHES_PER_EPOCH) - 1, batch: (step - 1) % BATCHES_PER_EPOCH });
      }
      const steps: number[] = [];
      const count = tsr.callbacks.lambdaCallback({ onTrainBatchEnd: (b) => { steps.push(b); } });
      const resumed = await trainRun({ kind, backupDir, callbacks: [count] });
      expect(steps).toHaveLength(EPOCHS * BATCHES_PER_EPOCH - 20); // only the batches not done
      expect(resumed).toEqual(reference);
    });
  }

  it('resuming at the start of the interrupted epoch instead (Keras\'s way) would not end equal: the check above can tell', async () => {
    const reference = await trainRun({ kind: 'tensors' });
    const backupDir = freshDir();
    await expect(trainRun({ kind: 'tensors', backupDir, callbacks: [crashAfter(15)] })).rejects.toThrow('simulated crash');
    // The backup after step 15 (epoch 1, batch 4), marked as an epoch-0 end: the run repeats epoch 1's first 5 batches.
    const file = join(backupDir, 'state.json');
    const state = JSON.parse(readFileSync(file, 'utf8')) as { epoch: number; batch: number | null; folder: string };
    expect(state).toMatchObject({ epoch: 0, batch: 4 });
    writeFileSync(file, JSON.stringify({ ...state, batch: null }));
    expect(await trainRun({ kind: 'tensors', backupDir })).not.toEqual(reference);
  });

  it('an aborted signal stops after the batch, backs it up and rejects with TrainingInterrupted; the resumed run ends equal', async () => {
    const reference = await trainRun({ kind: 'dataset' });
    const backupDir = freshDir();
    const controller = new AbortController();
    let seen = 0;
    const abortAt = tsr.callbacks.lambdaCallback({ onTrainBatchBegin: () => { if (++seen === 17) controller.abort(); } });
    const error = await trainRun({ kind: 'dataset', backupDir, callbacks: [abortAt], signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingInterrupted);
    expect(error).toBeInstanceOf(tsr.TesseraError);
    expect((error as TrainingInterrupted).message).toBe('fit: interrupted after batch 6 of epoch 2 (step 17). Received: an aborted signal');
    expect(JSON.parse(readFileSync(join(backupDir, 'state.json'), 'utf8'))).toMatchObject({ epoch: 0, batch: 6 });
    expect(await trainRun({ kind: 'dataset', backupDir })).toEqual(reference);
  });
});
