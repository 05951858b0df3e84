import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as att from '../../../src/layers/attention/index.js';
import { expectCase, expectCaseOnnx } from './fixtures.js';

describe('attention (Luong)', () => {
  it('passes the layer test (dot, scaled dot, concat; with key)', async () => {
    await runLayerTest({ make: () => att.attention({ name: 'a' }), input: [[2, 3, 4], [2, 5, 4]], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [] });
    await runLayerTest({
      make: () => att.attention({ useScale: true, dropout: 0.2, name: 'a2' }),
      input: [[2, 3, 4], [2, 5, 2], [2, 5, 4]], expectedOutputShape: [2, 3, 2], expectedWeightShapes: [[]],
    });
    await runLayerTest({
      make: () => att.attention({ scoreMode: 'concat', name: 'a3' }),
      input: [[2, 3, 4], [2, 5, 4]], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [[]],
    });
  });

  it('equals the Keras computation in PyTorch (scale, query/value masks, causal mask, scores)', () => {
    const make = (args: Record<string, unknown>): att.Attention => att.attention(args as att.AttentionArgs);
    const [out] = expectCase('attention_dot', make);
    expect(tsr.layers.getMask(out!)!.arraySync()).toEqual([[1, 1, 0], [1, 1, 1]]);
    expectCase('attention_concat', make);
  });

  it('computes the same on ONNX Runtime (masks, causal mask, concat scores, additive)', async () => {
    const make = (args: Record<string, unknown>): att.Attention => att.attention(args as att.AttentionArgs);
    await expectCaseOnnx('attention_dot', make);
    await expectCaseOnnx('attention_concat', make);
    await expectCaseOnnx('additive_attention', (args) => att.additiveAttention(args as att.AdditiveAttentionArgs));
  });

  it('computes softmax(q·kᵀ)·v (hand values)', () => {
    tsr.setBackend('reference');
    const q = tsr.tensor([[[1, 0]]]);
    const k = tsr.tensor([[[Math.log(3), 0], [0, 0]]]);
    const v = tsr.tensor([[[4], [8]]]);
    // scores [ln 3, 0] → weights [3/4, 1/4] → 0.75·4 + 0.25·8 = 5.
    const [out, w] = att.attention().apply([q, v, k], { kwargs: { returnAttentionScores: true } }) as Tensor[];
    expect(Number(out!.item())).toBeCloseTo(5, 5);
    expect((w!.arraySync() as number[][][])[0]![0]![0]).toBeCloseTo(0.75, 6);
  });

  it('rejects bad arguments and inputs with the value received', () => {
    expect(() => att.attention({ scoreMode: 'sum' as att.ScoreMode })).toThrow(`scoreMode must be 'dot' or 'concat'. Received: scoreMode="sum"`);
    expect(() => att.attention({ dropout: -0.1 })).toThrow('dropout must be a number in [0, 1). Received: dropout=-0.1');
    expect(() => att.attention().apply([tsr.zeros([1, 2, 3]), tsr.zeros([1, 2, 4])])).toThrow('query and key must have the same known last dimension. Received: query [1,2,3], key [1,2,4]');
  });
});

describe('additiveAttention (Bahdanau)', () => {
  it('passes the layer test', async () => {
    await runLayerTest({
      make: () => att.additiveAttention({ name: 'aa' }),
      input: [[2, 3, 4], [2, 5, 4]], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [[4]],
    });
    await runLayerTest({ make: () => att.additiveAttention({ useScale: false, name: 'aa2' }), input: [[2, 3, 4], [2, 5, 4]], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [] });
  });

  it('equals the Keras computation in PyTorch (per-feature scale, masks, scores)', () => {
    expectCase('additive_attention', (args) => att.additiveAttention(args as att.AdditiveAttentionArgs));
  });

  it('saves no scoreMode in its config', () => {
    expect(att.additiveAttention().getConfig()).not.toHaveProperty('scoreMode');
    expect(att.additiveAttention().getConfig()).toMatchObject({ useScale: true, dropout: 0 });
  });
});
