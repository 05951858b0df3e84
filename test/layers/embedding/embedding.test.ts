import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as emb from '../../../src/layers/embedding/index.js';

describe('embedding', () => {
  it('passes the layer test (2D and 3D ids, maskZero, regularizer and constraint)', async () => {
    await runLayerTest({
      make: () => emb.embedding({ inputDim: 6, outputDim: 3, name: 'e' }),
      input: { shape: [2, 4], dtype: 'int32', range: [0, 6] }, expectedOutputShape: [2, 4, 3], expectedWeightShapes: [[6, 3]],
    });
    await runLayerTest({
      make: () => emb.embedding({ inputDim: 5, outputDim: 2, maskZero: true, embeddingsRegularizer: 'l2', embeddingsConstraint: 'unitNorm', name: 'e2' }),
      input: { shape: [2, 3, 2], dtype: 'int32', range: [0, 5] }, expectedOutputShape: [2, 3, 2, 2], expectedWeightShapes: [[5, 2]],
    });
  });

  it('looks up rows of the table (float ids truncated) and starts uniform in ±0.05', () => {
    tsr.setBackend('reference');
    const layer = emb.embedding({ inputDim: 3, outputDim: 2 });
    layer.apply(tsr.tensor([[0]], [1, 1], 'int32'));
    const init = [...layer.embeddings!.dataSync()].map(Number);
    for (const v of init) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
    expect(new Set(init).size).toBe(6);
    layer.setWeights([tsr.tensor([[1, 2], [3, 4], [5, 6]])]);
    expect(layer.apply(tsr.tensor([[2, 0], [1, 1]], [2, 2], 'int32')).arraySync()).toEqual([[[5, 6], [1, 2]], [[3, 4], [3, 4]]]);
    expect(layer.apply(tsr.tensor([[2.7, 1.2]])).arraySync()).toEqual([[[5, 6], [3, 4]]]);
  });

  it('masks index 0 with maskZero, in eager and functional use', () => {
    tsr.setBackend('reference');
    const layer = emb.embedding({ inputDim: 4, outputDim: 2, maskZero: true });
    const y = layer.apply(tsr.tensor([[1, 0, 3], [0, 0, 2]], [2, 3], 'int32'));
    expect(tsr.layers.getMask(y)!.arraySync()).toEqual([[1, 0, 1], [0, 0, 1]]);
    expect(tsr.layers.getMask(emb.embedding({ inputDim: 4, outputDim: 2 }).apply(tsr.tensor([[0]], [1, 1], 'int32')))).toBeNull();
    const ids = tsr.layers.input({ shape: [3], dtype: 'int32' });
    const out = layer.apply(ids);
    expect(out.shape).toEqual([null, 3, 2]);
    expect(out.hasMask).toBe(true);
  });

  it('turns inputLength into the input shape (tfjs)', () => {
    const layer = emb.embedding({ inputDim: 10, outputDim: 4, inputLength: 7 });
    expect(layer.batchInputShape).toEqual([null, 7]);
    expect(layer.getConfig()['inputLength']).toBe(7);
    const model = tsr.sequential([layer, tsr.layers.flatten()]);
    expect((model.apply(tsr.zeros([2, 7], 'int32')) as tsr.Tensor).shape).toEqual([2, 28]);
  });

  it('accepts Keras\'s "uniform" and "normal" initializer names', () => {
    expect(emb.embedding({ inputDim: 2, outputDim: 2, embeddingsInitializer: 'normal' }).embeddingsInitializer.className).toBe('RandomNormal');
    expect(emb.embedding({ inputDim: 2, outputDim: 2 }).getConfig()['embeddingsInitializer']).toEqual({ className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } });
  });

  it('rejects bad arguments with the value received', () => {
    expect(() => emb.embedding({ inputDim: 0, outputDim: 2 })).toThrow('inputDim must be an integer ≥ 1. Received: inputDim=0');
    expect(() => emb.embedding({ inputDim: 3, outputDim: 2.5 })).toThrow('outputDim must be an integer ≥ 1. Received: outputDim=2.5');
    expect(() => emb.embedding({ inputDim: 3, outputDim: 2, inputLength: -1 })).toThrow('inputLength must be an integer ≥ 1 (or a list of them). Received: inputLength=-1');
  });
});
