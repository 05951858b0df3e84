import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as emb from '../../../src/layers/embedding/index.js';
import { expectClose, fixture, toTensor } from './fixtures.js';

describe('positionEmbedding', () => {
  it('passes the layer test', async () => {
    await runLayerTest({
      make: () => emb.positionEmbedding({ sequenceLength: 6, name: 'pe' }),
      input: [2, 4, 3], expectedOutputShape: [2, 4, 3], expectedWeightShapes: [[6, 3]],
    });
  });

  it('returns the first rows of the table (from startIndex) broadcast to the input', () => {
    tsr.setBackend('reference');
    const layer = emb.positionalEmbedding({ sequenceLength: 4 });
    const x = tsr.zeros([2, 3, 2]);
    layer.apply(x);
    layer.setWeights([tsr.tensor([[1, 2], [3, 4], [5, 6], [7, 8]])]);
    const rows = [[1, 2], [3, 4], [5, 6]];
    expect(layer.apply(x).arraySync()).toEqual([rows, rows]);
    expect(layer.apply(tsr.zeros([1, 2, 2]), { kwargs: { startIndex: 2 } }).arraySync()).toEqual([[[5, 6], [7, 8]]]);
    expect(() => layer.apply(tsr.zeros([1, 3, 2]), { kwargs: { startIndex: 2 } })).toThrow('positions 2..4 exceed sequenceLength 4 (in a functional model, give the input a fixed sequence length). Received: shape [1,3,2], startIndex=2');
  });

  it('rejects bad arguments with the value received', () => {
    expect(() => emb.positionEmbedding({ sequenceLength: 0 })).toThrow('sequenceLength must be an integer ≥ 1. Received: sequenceLength=0');
    expect(() => emb.positionEmbedding({ sequenceLength: 3 }).apply(tsr.zeros([3]))).toThrow('expects inputs [batch, ..., sequence, features] with known features. Received: input shape [3]');
    expect(() => emb.positionEmbedding({ sequenceLength: 3 }).apply(tsr.zeros([1, 2, 2]), { kwargs: { startIndex: -1 } })).toThrow('startIndex must be an integer ≥ 0. Received: startIndex=-1');
  });
});

describe('sinePositionEncoding', () => {
  it('passes the layer test (no weights)', async () => {
    await runLayerTest({ make: () => emb.sinePositionEncoding({ name: 'spe' }), input: [2, 5, 4], expectedOutputShape: [2, 5, 4], expectedWeightShapes: [] });
  });

  it('equals the sinusoid table (PyTorch, float64), also from a start index', () => {
    tsr.setBackend('reference');
    for (const name of ['sine_default', 'sine_odd_start']) {
      const c = fixture(name);
      const y = emb.sinePositionEncoding(c.args).apply(tsr.zeros(c.inputShape!), { kwargs: { startIndex: c.startIndex } });
      expect(y.shape).toEqual(c.inputShape);
      const rows = c.output.shape[0]! * c.output.shape[1]!;
      const flat = y.dataSync();
      for (let b = 0; b < c.inputShape![0]!; b++) {
        expectClose(tsr.tensor([...flat.slice(b * rows, (b + 1) * rows)].map(Number), c.output.shape), c.output, 1e-5, `${name} batch ${b}`);
      }
    }
  });

  it('starts with [sin 0, cos 0, …] = [0, 1, …] at position 0', () => {
    tsr.setBackend('reference');
    expect(emb.sinePositionEncoding().apply(tsr.zeros([1, 1, 4])).arraySync()).toEqual([[[0, 1, 0, 1]]]);
    expect(() => emb.sinePositionEncoding({ maxWavelength: 0 })).toThrow('maxWavelength must be a finite number > 0. Received: maxWavelength=0');
  });
});

describe('tokenAndPositionEmbedding', () => {
  it('passes the layer test', async () => {
    await runLayerTest({
      make: () => emb.tokenAndPositionEmbedding({ vocabularySize: 7, sequenceLength: 5, embeddingDim: 3, maskZero: true, name: 'tpe' }),
      input: { shape: [2, 4], dtype: 'int32', range: [0, 7] }, expectedOutputShape: [2, 4, 3], expectedWeightShapes: [[7, 3], [5, 3]],
    });
  });

  it('adds token and position embeddings (PyTorch) and masks padding tokens', () => {
    tsr.setBackend('reference');
    const c = fixture('token_and_position');
    const layer = emb.tokenAndPositionEmbedding(c.args as unknown as emb.TokenAndPositionEmbeddingArgs);
    const ids = toTensor(c.input!, 'int32');
    layer.apply(ids);
    expect(layer.weights.map((w) => w.name)).toEqual([
      `${layer.name}/token_embedding/embeddings`, `${layer.name}/position_embedding/embeddings`,
    ]);
    layer.setWeights(c.weights!.map((w) => toTensor(w)));
    const y = layer.apply(ids);
    expectClose(y, c.output, 1e-6);
    expect(tsr.layers.getMask(y)!.arraySync()).toEqual([[1, 1, 0, 0], [1, 1, 1, 0]]);
  });

  it('rejects bad arguments with the value received', () => {
    expect(() => emb.tokenAndPositionEmbedding({ vocabularySize: 5, sequenceLength: 0, embeddingDim: 2 })).toThrow('sequenceLength must be an integer ≥ 1. Received: sequenceLength=0');
  });
});
