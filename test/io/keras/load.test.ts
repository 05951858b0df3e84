/**
 * loadKerasModel on files in Keras's own formats (test/io/keras/fixtures, written by
 * scripts/make_keras_fixtures.py): the rebuilt model predicts what the Keras layer math predicts
 * (numpy / PyTorch in the script) within 1e-5, and it trains.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { expectClose, expected, fixture } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-keras-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => tsr.setBackend('reference'));

const predict = async (m: tsr.Model, xs: tsr.Tensor[]): Promise<tsr.Tensor> => (await m.predict(xs.length === 1 ? xs[0]! : xs)) as tsr.Tensor;

/** Mean loss before and after a few epochs of Adam on fixed random targets. */
async function trains(m: tsr.Model, xs: tsr.Tensor[], y: tsr.Tensor, loss: string): Promise<[number, number]> {
  m.compile({ optimizer: tsr.optimizers.adam({ learningRate: 0.01 }), loss });
  const x = xs.length === 1 ? xs[0]! : xs;
  const [before] = (await m.evaluate(x, y, { verbose: 0 })) as number[];
  await m.fit(x, y, { epochs: 8, batchSize: 4, verbose: 0, shuffle: false });
  const [after] = (await m.evaluate(x, y, { verbose: 0 })) as number[];
  return [before!, after!];
}

describe('loadKerasModel: Keras 3 .keras archives', () => {
  it('Sequential CNN (Conv2D, BatchNormalization, MaxPooling2D, Dropout, Flatten, Dense softmax)', async () => {
    const m = await tsr.loadKerasModel(fixture('cnn.keras'));
    expect(m).toBeInstanceOf(tsr.Sequential);
    expect(m.layers.map((l) => `${l.className}:${l.name}`)).toEqual([
      'Conv2D:conv2d', 'BatchNormalization:batch_normalization', 'MaxPooling2D:max_pooling2d', 'Dropout:dropout', 'Flatten:flatten', 'Dense:dense']);
    expect(m.inputShapes).toEqual([[null, 8, 8, 1]]);
    const want = expected('cnn.json');
    await expectClose(await predict(m, want.inputs), want);
    const y = tsr.tensor([0, 3, 7], [3], 'int32');
    const [before, after] = await trains(m, want.inputs, y, 'sparseCategoricalCrossentropy');
    expect(after).toBeLessThan(before * 0.8);
  });

  it('LSTM model (a Keras 3.0 file: dtype strings, no group names), LSTM → LSTM → Dense', async () => {
    const m = await tsr.loadKerasModel(fixture('lstm.keras'));
    expect(m.layers.map((l) => l.className)).toEqual(['LSTM', 'LSTM', 'Dense']);
    const want = expected('lstm.json');
    await expectClose(await predict(m, want.inputs), want);
    const [before, after] = await trains(m, want.inputs, tsr.zeros([4, 2]), 'meanSquaredError');
    expect(after).toBeLessThan(before * 0.8);
  });

  it('GRU model with reset_after=True (bias [2, 3u]), GRU → GRU → Dense', async () => {
    const m = await tsr.loadKerasModel(fixture('gru.keras'));
    const gru = m.layers[0] as tsr.layers.GRU;
    expect(gru.cell.resetAfter).toBe(true);
    expect(gru.cell.bias!.shape).toEqual([2, 15]);
    const want = expected('gru.json');
    await expectClose(await predict(m, want.inputs), want);
    const [before, after] = await trains(m, want.inputs, tsr.zeros([4, 2]), 'meanSquaredError');
    expect(after).toBeLessThan(before * 0.8);
  });

  it('Functional model with two inputs, Add and Concatenate', async () => {
    const m = await tsr.loadKerasModel(fixture('functional.keras'));
    expect(m).toBeInstanceOf(tsr.Functional);
    expect(m.inputNames).toEqual(['input_a', 'input_b']);
    expect(m.inputShapes).toEqual([[null, 6], [null, 5]]);
    const want = expected('functional.json');
    await expectClose(await predict(m, want.inputs), want);
    const y = tsr.tensor([0, 1, 2, 1, 0], [5], 'int32');
    const [before, after] = await trains(m, want.inputs, y, 'sparseCategoricalCrossentropy');
    expect(after).toBeLessThan(before * 0.8);
  });

  it('sequence layers: Embedding, causal Conv1D, Bidirectional(LSTM), SimpleRNN, GRU(reset_after=False), LayerNormalization, MultiHeadAttention, Add, 1D pooling', async () => {
    const m = await tsr.loadKerasModel(fixture('zoo-sequence.keras'));
    expect(m.layers.map((l) => l.className)).toEqual(['InputLayer', 'Embedding', 'Conv1D', 'Bidirectional', 'SimpleRNN', 'GRU', 'LayerNormalization',
      'MultiHeadAttention', 'Add', 'AveragePooling1D', 'MaxPooling1D', 'GlobalAveragePooling1D', 'Dense']);
    expect(m.inputDtypes).toEqual(['int32']);
    const want = expected('zoo-sequence.json', ['int32']);
    await expectClose(await predict(m, want.inputs), want);
  });

  it('image layers: Conv2DTranspose, AveragePooling2D, Activation, Reshape, Conv3D, strided Conv1D, GlobalAveragePooling2D, Flatten, Concatenate, Dropout', async () => {
    const m = await tsr.loadKerasModel(fixture('zoo-image.keras'));
    const want = expected('zoo-image.json');
    await expectClose(await predict(m, want.inputs), want);
    const [before, after] = await trains(m, want.inputs, tsr.zeros([3, 2]), 'meanSquaredError');
    expect(after).toBeLessThan(before);
  });

  it('models as layers: a Sequential and a Functional model inside a Functional one', async () => {
    const m = await tsr.loadKerasModel(fixture('nested.keras'));
    expect(m.layers.map((l) => `${l.className}:${l.name}`)).toEqual(['InputLayer:x', 'Sequential:encoder', 'Functional:head', 'Dense:out']);
    const want = expected('nested.json');
    await expectClose(await predict(m, want.inputs), want);
  });

  it('predicts the same on the ONNX Runtime backend', async () => {
    tsr.setBackend('onnxruntime');
    const m = await tsr.loadKerasModel(fixture('zoo-sequence.keras'));
    const want = expected('zoo-sequence.json', ['int32']);
    await expectClose(await predict(m, want.inputs), want);
  });

  it('a loaded model saves and reloads in Tessera\'s own format', async () => {
    const m = await tsr.loadKerasModel(fixture('functional.keras'));
    await m.save(join(dir, 'functional'));
    const again = await tsr.loadModel(join(dir, 'functional'));
    const want = expected('functional.json');
    await expectClose(await predict(again, want.inputs), want);
  });
});

describe('loadKerasModel: tf.keras 2 .h5 files', () => {
  it('the Sequential CNN saved by model.save("cnn.h5")', async () => {
    const m = await tsr.loadKerasModel(fixture('cnn.h5'));
    expect(m.layers.map((l) => l.name)).toEqual(['conv2d', 'batch_normalization', 'max_pooling2d', 'dropout', 'flatten', 'dense']);
    const want = expected('cnn.json');
    await expectClose(await predict(m, want.inputs), want);
    const [before, after] = await trains(m, want.inputs, tsr.tensor([1, 2, 3], [3], 'int32'), 'sparseCategoricalCrossentropy');
    expect(after).toBeLessThan(before * 0.8);
  });

  it('the two-input Functional model (legacy inbound_nodes lists)', async () => {
    const m = await tsr.loadKerasModel(fixture('functional.h5'));
    expect(m.inputNames).toEqual(['input_a', 'input_b']);
    const want = expected('functional.json');
    await expectClose(await predict(m, want.inputs), want);
  });

  it('a weights-only file is refused with a pointer to loadKerasWeights', async () => {
    await expect(tsr.loadKerasModel(fixture('cnn.weights.h5'))).rejects.toThrow(/cnn\.weights\.h5: the HDF5 file has no model_config attribute.*loadKerasWeights/);
  });
});
