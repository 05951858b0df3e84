/**
 * loadKerasWeights: Keras weights into a model built in Tessera (the same architecture written by
 * hand), from each file layout Keras writes; mismatches are refused and leave the model unchanged.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { expectClose, expected, fixture } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-keras-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => tsr.setBackend('reference'));

/** The fixture CNN, written in Tessera (layer names differ from the file's: matching is by position). */
function cnn(units = 10): tsr.Sequential {
  return tsr.sequential([
    tsr.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 1] }),
    tsr.layers.batchNormalization(),
    tsr.layers.maxPooling2d({ poolSize: 2 }),
    tsr.layers.dropout({ rate: 0.25 }),
    tsr.layers.flatten(),
    tsr.layers.dense({ units, activation: 'softmax' }),
  ]);
}

const snapshot = (m: tsr.Model): number[][] => m.getWeights().map((w) => Array.from(w.dataSync() as Float32Array));

describe('loadKerasWeights', () => {
  for (const file of ['cnn.weights.h5', 'cnn.h5', 'cnn.keras']) {
    it(`loads ${file} into a CNN built in Tessera`, async () => {
      const m = cnn();
      await tsr.loadKerasWeights(m, fixture(file));
      const want = expected('cnn.json');
      await expectClose((await m.predict(want.inputs[0]!)) as tsr.Tensor, want);
    });
  }

  it("loads a Keras 3 weights file (model.save_weights('cnn.weights.h5'): the archive's model.weights.h5 alone)", async () => {
    const path = join(dir, 'keras3.weights.h5');
    writeFileSync(path, unzipSync(readFileSync(fixture('cnn.keras')))['model.weights.h5']!);
    const m = cnn();
    await tsr.loadKerasWeights(m, path);
    const want = expected('cnn.json');
    await expectClose((await m.predict(want.inputs[0]!)) as tsr.Tensor, want);
  });

  it('loads the LSTM file into an LSTM model built in Tessera', async () => {
    const m = tsr.sequential([
      tsr.layers.lstm({ units: 5, returnSequences: true, inputShape: [6, 3] }),
      tsr.layers.lstm({ units: 4 }),
      tsr.layers.dense({ units: 2 }),
    ]);
    await tsr.loadKerasWeights(m, fixture('lstm.keras'));
    const want = expected('lstm.json');
    await expectClose((await m.predict(want.inputs[0]!)) as tsr.Tensor, want);
  });

  it('refuses weights of the wrong shape, naming the file, the weight and both shapes, and changes nothing', async () => {
    for (const file of ['cnn.keras', 'cnn.weights.h5']) {
      const m = cnn(11);
      const before = snapshot(m);
      const err = await tsr.loadKerasWeights(m, fixture(file)).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(tsr.TesseraError);
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(/should have shape \[64,11\]\. Received: \[64,10\]/);
      expect(snapshot(m)).toEqual(before);
    }
  });

  it('refuses a model with a different number of layers with weights', async () => {
    const m = tsr.sequential([tsr.layers.dense({ units: 10, inputShape: [64] })]);
    await expect(tsr.loadKerasWeights(m, fixture('cnn.weights.h5'))).rejects.toThrow(/cnn\.weights\.h5: the model has 1 layers with weights \(dense.*\), the file 3\. Received: conv2d, batch_normalization, dense/);
    await expect(tsr.loadKerasWeights(m, fixture('cnn.keras'))).rejects.toThrow(/cnn\.keras \(model\.weights\.h5\): the file has weights that no layer of the model takes .*Received: layers\/batch_normalization\/vars, layers\/conv2d\/vars/);
    const extra = tsr.sequential([tsr.layers.dense({ units: 10, inputShape: [64] }), tsr.layers.dense({ units: 3 })]);
    await expect(tsr.loadKerasWeights(extra, fixture('cnn.keras'))).rejects.toThrow(/layer '.*' \(Dense\) expects 2 weights \(\[10,3\], \[3\]\) at 'layers\/dense_1\/vars'\. Received: nothing there/);
  });

  it('needs a built model', async () => {
    const m = tsr.sequential([tsr.layers.dense({ units: 2 })]);
    await expect(tsr.loadKerasWeights(m, fixture('cnn.keras'))).rejects.toThrow(/loadKerasWeights: .*cnn\.keras: build the model first/);
  });
});
