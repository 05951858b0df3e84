import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as att from '../../../src/layers/attention/index.js';
import { tokenAndPositionEmbedding } from '../../../src/layers/embedding/index.js';
import { expectCase, expectCaseOnnx, fixture, runCase, toMask, toTensor } from './fixtures.js';

const make = (args: Record<string, unknown>): att.TransformerEncoder => att.transformerEncoder(args as unknown as att.TransformerEncoderArgs);
const WEIGHT_SHAPES = [[8, 2, 4], [2, 4], [8, 2, 4], [2, 4], [8, 2, 4], [2, 4], [2, 4, 8], [8], [8], [8], [8], [8], [8, 16], [16], [16, 8], [8]];

describe('transformerEncoder', () => {
  it('passes the layer test (post-norm; pre-norm with dropout and gelu)', async () => {
    await runLayerTest({
      make: () => att.transformerEncoder({ intermediateDim: 16, numHeads: 2, name: 'enc' }),
      input: [2, 5, 8], expectedOutputShape: [2, 5, 8], expectedWeightShapes: WEIGHT_SHAPES,
    });
    await runLayerTest({
      make: () => att.transformerEncoder({ intermediateDim: 16, numHeads: 2, dropout: 0.1, activation: 'gelu', normalizeFirst: true, name: 'enc2' }),
      input: [2, 5, 8], expectedOutputShape: [2, 5, 8], expectedWeightShapes: WEIGHT_SHAPES,
    });
  });

  it('equals keras-hub\'s encoder (checked against nn.TransformerEncoderLayer) with the input\'s padding mask', () => {
    const [y] = expectCase('encoder_post_norm_padding', make);
    expect(tsr.layers.getMask(y!)!.arraySync()).toEqual([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]);
  });

  it('computes the same on ONNX Runtime (padding mask, causal attention mask)', async () => {
    await expectCaseOnnx('encoder_post_norm_padding', make);
    await expectCaseOnnx('encoder_pre_norm_causal', make);
  });

  it('takes the padding mask as a call option too', () => {
    const c = fixture('encoder_post_norm_padding');
    const layer = make(c.args);
    runCase(layer, c);
    const y = layer.apply(toTensor(c.input!), { kwargs: { paddingMask: toMask(c.mask) } });
    // Without the input mask, padding queries are not zeroed: only the real tokens match.
    const real = (t: Tensor): number[] => [...tsr.slice(t, [1, 0, 0], [1, 3, 8]).dataSync()].map(Number);
    const want = real(tsr.tensor(c.output!.data, c.output!.shape));
    real(y).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 4));
  });

  it('equals nn.TransformerEncoderLayer(norm_first=True) with a causal attention mask', () => {
    expectCase('encoder_pre_norm_causal', make);
  });

  it('lists its weights as keras-hub does and round-trips its config', () => {
    tsr.setBackend('reference');
    const layer = att.transformerEncoder({ intermediateDim: 16, numHeads: 2, name: 'enc3' });
    layer.apply(tsr.zeros([1, 3, 8]));
    expect(layer.weights.map((w) => w.name)).toEqual([
      ...['query', 'key', 'value', 'attention_output'].flatMap((p) => [`enc3/self_attention_layer/${p}/kernel`, `enc3/self_attention_layer/${p}/bias`]),
      'enc3/self_attention_layer_norm/gamma', 'enc3/self_attention_layer_norm/beta',
      'enc3/feedforward_layer_norm/gamma', 'enc3/feedforward_layer_norm/beta',
      'enc3/feedforward_intermediate_dense/kernel', 'enc3/feedforward_intermediate_dense/bias',
      'enc3/feedforward_output_dense/kernel', 'enc3/feedforward_output_dense/bias',
    ]);
    expect(layer.getConfig()).toMatchObject({ intermediateDim: 16, numHeads: 2, dropout: 0, activation: 'relu', layerNormEpsilon: 1e-5, normalizeFirst: false });
  });

  it('trains in a small text classifier (token+position embedding, encoder with dropout, pooling) and lowers the loss', async () => {
    tsr.setBackend('reference');
    tsr.setSeed(11);
    const ids = tsr.layers.input({ shape: [6], dtype: 'int32' });
    let x = tokenAndPositionEmbedding({ vocabularySize: 10, sequenceLength: 6, embeddingDim: 8, maskZero: true }).apply(ids);
    x = att.transformerEncoder({ intermediateDim: 16, numHeads: 2, dropout: 0.1 }).apply(x) as tsr.layers.SymbolicTensor;
    const pooled = tsr.layers.globalAveragePooling1d().apply(x) as tsr.layers.SymbolicTensor;
    const out = tsr.layers.dense({ units: 1, activation: 'sigmoid' }).apply(pooled);
    const model = tsr.model({ inputs: ids, outputs: out });
    model.compile({ optimizer: tsr.optimizers.adam({ learningRate: 0.01 }), loss: 'binaryCrossentropy' });
    // Label: does token 7 occur?
    const rows = [[7, 1, 2, 0, 0, 0], [1, 2, 3, 4, 0, 0], [3, 7, 0, 0, 0, 0], [5, 6, 8, 9, 1, 0], [2, 2, 7, 1, 0, 0], [4, 4, 0, 0, 0, 0], [9, 8, 7, 6, 5, 4], [1, 1, 1, 0, 0, 0]];
    const xs = tsr.tensor(rows, [8, 6], 'int32');
    const ys = tsr.tensor(rows.map((r) => [r.includes(7) ? 1 : 0]));
    const history = await model.fit(xs, ys, { epochs: 15, batchSize: 8, verbose: 0 });
    const losses = history.history['loss'] as number[];
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! * 0.7);
  });

  it('rejects bad arguments and inputs with the value received', () => {
    expect(() => att.transformerEncoder({ intermediateDim: 0, numHeads: 2 })).toThrow('intermediateDim must be an integer ≥ 1. Received: intermediateDim=0');
    expect(() => att.transformerEncoder({ intermediateDim: 4, numHeads: 2, activation: 'nope' })).toThrow("unknown activation 'nope'");
    expect(() => att.transformerEncoder({ intermediateDim: 4, numHeads: 4 }).apply(tsr.zeros([1, 2, 3]))).toThrow('the features (3) must be at least numHeads (4)');
    const enc = att.transformerEncoder({ intermediateDim: 4, numHeads: 1 });
    expect(() => enc.apply(tsr.zeros([1, 2, 3]), { kwargs: { paddingMask: tsr.ones([1, 2, 2], 'bool') } })).toThrow('paddingMask must be a tensor [batch, sequence]. Received: shape [1,2,2]');
  });
});
