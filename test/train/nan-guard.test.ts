/**
 * fit's numerical guard (TerminateOnNaN, on by default): a model driven to Inf/NaN by a learning
 * rate far too large stops at the batch whose loss went bad, with a message naming the epoch, the
 * batch, the global step and the first layer holding non-finite weights; a BackupAndRestore backup
 * made before that batch stays on disk with the last finite weights.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as tsr from '../../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'tessera-nan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** A linear 2 → 4 → 1 regression to targets of 100 with plain SGD: diverges for a large learning rate. */
function diverging(learningRate: number): { model: tsr.Model; x: tsr.Tensor; y: tsr.Tensor } {
  tsr.setSeed(3);
  const model = tsr.sequential([tsr.layers.dense({ units: 4, inputShape: [2], name: 'hidden' }), tsr.layers.dense({ units: 1, name: 'out' })]);
  model.compile({ optimizer: tsr.optimizers.sgd({ learningRate }), loss: 'meanSquaredError' });
  const x = tsr.tensor([[1, 2], [2, 1], [0.5, 1], [1, 0.5], [1, 1], [2, 2], [0.1, 0.3], [0.3, 0.1]]);
  return { model, x, y: tsr.full([8, 1], 100) };
}

const weightsOf = (m: tsr.Model): number[][] => m.getWeights().map((w) => Array.from(w.dataSync() as Float32Array));
const MESSAGE = /^Batch (\d) of epoch 1: invalid loss (Infinity|NaN), terminating training \(global step (\d+); first layer with non-finite weights: 'hidden' \(hidden\/kernel: [1-8] of 8 values NaN or infinite\)\)$/;

describe('the NaN guard in fit', () => {
  it('is on by default: stops at the bad batch naming epoch, batch, step and layer; the last finite backup is kept intact', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { model, x, y } = diverging(0.3);
    const backupDir = join(root, 'backup');
    const seen: { loss: number; weights: number[][] }[] = [];
    const record = tsr.callbacks.lambdaCallback({ onTrainBatchEnd: (_b, logs) => { seen.push({ loss: logs['loss']!, weights: weightsOf(model) }); } });
    const h = await model.fit(x, y, { epochs: 4, batchSize: 2, shuffle: false, verbose: 0, callbacks: [tsr.callbacks.backupAndRestore({ backupDir, saveFreq: 1 }), record] });
    expect(h.epoch).toEqual([0]); // stopped in the first epoch
    expect(warn).toHaveBeenCalledTimes(1);
    const message = warn.mock.calls[0]![0] as string;
    const [, batch, , step] = MESSAGE.exec(message) ?? [];
    expect(message).toMatch(MESSAGE);
    expect(Number(step)).toBe(Number(batch) + 1);
    expect(Number(batch)).toBeGreaterThanOrEqual(1);
    expect(seen).toHaveLength(Number(step));
    expect(Number.isFinite(seen.at(-1)!.loss)).toBe(false);
    expect(seen.slice(0, -1).every((s) => Number.isFinite(s.loss))).toBe(true);

    // The backup is the state after the last finite batch, not deleted at the end, with finite weights.
    const state = JSON.parse(readFileSync(join(backupDir, 'state.json'), 'utf8')) as { epoch: number; batch: number; folder: string };
    expect(state).toMatchObject({ epoch: -1, batch: Number(batch) - 1 });
    const saved = await tsr.loadModel(join(backupDir, state.folder));
    expect(saved.optimizer!.iterations).toBe(Number(step) - 1);
    const savedWeights = weightsOf(saved);
    expect(savedWeights).toEqual(seen.at(-2)!.weights);
    expect(savedWeights.flat().every(Number.isFinite)).toBe(true);
  });

  it('terminateOnNaN: false trains on through NaN (Keras\'s default)', async () => {
    const { model, x, y } = diverging(0.3);
    const h = await model.fit(x, y, { epochs: 3, batchSize: 2, shuffle: false, verbose: 0, terminateOnNaN: false });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(h.history['loss']!.every((l) => !Number.isFinite(l))).toBe(true);
    // fit(dataset, args) reads the new arguments as arguments, not as targets.
    const again = diverging(0.3);
    const ds = tsr.data.fromTensors([again.x, again.y] as const).batch(2);
    const hd = await again.model.fit(ds, { epochs: 2, verbose: 0, terminateOnNaN: false });
    expect(hd.epoch).toEqual([0, 1]);
  });

  it('checkGradients stops at the update that made a weight non-finite, a batch before the loss shows it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // lr 1e38: the first update overflows the first layer's kernel while that batch's loss (computed before it) is finite.
    const plain = diverging(1e38);
    const byLoss = tsr.callbacks.terminateOnNaN();
    await plain.model.fit(plain.x, plain.y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0, callbacks: [byLoss] });
    expect(byLoss.message).toMatch(/^Batch 1 of epoch 1: invalid loss NaN, terminating training \(global step 2; first layer with non-finite weights: 'hidden'/);

    const checked = diverging(1e38);
    const byWeights = tsr.callbacks.terminateOnNaN({ checkGradients: true });
    await checked.model.fit(checked.x, checked.y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0, callbacks: [byWeights] });
    expect(byWeights.message).toMatch(/^Batch 0 of epoch 1: non-finite weights after the update \(loss \d+(\.\d+)?\), terminating training \(global step 1; first layer with non-finite weights: 'hidden' \(hidden\/kernel: 8 of 8 values NaN or infinite\)\)$/);
    expect(byWeights.nonFinite).toEqual({ layer: 'hidden', weight: 'hidden/kernel', count: 8, size: 8 });
  });

  it('a TerminateOnNaN of one\'s own replaces the default: with raiseError fit rejects with a TesseraError', async () => {
    const { model, x, y } = diverging(1e38);
    await expect(model.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0, callbacks: [tsr.callbacks.terminateOnNaN({ raiseError: true })] }))
      .rejects.toThrow(/^terminateOnNaN: NaN or Inf loss at batch 1 of epoch 1 \(global step 2; first layer with non-finite weights: 'hidden' .*\)\. Received: loss=NaN$/);
  });
});
