import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as att from '../../../src/layers/attention/index.js';
import { embedding } from '../../../src/layers/embedding/index.js';
import { expectCase, expectCaseOnnx, expectClose, fixture, toTensor } from './fixtures.js';

const make = (args: Record<string, unknown>): att.MultiHeadAttention => att.multiHeadAttention(args as unknown as att.MultiHeadAttentionArgs);

describe('multiHeadAttention', () => {
  it('passes the layer test (self/cross attention, key, valueDim, outputShape, dropout, no bias, rank 4)', async () => {
    await runLayerTest({
      make: () => att.multiHeadAttention({ numHeads: 2, keyDim: 3, name: 'mha' }),
      input: [[2, 4, 5], [2, 4, 5]], expectedOutputShape: [2, 4, 5],
      expectedWeightShapes: [[5, 2, 3], [2, 3], [5, 2, 3], [2, 3], [5, 2, 3], [2, 3], [2, 3, 5], [5]],
    });
    await runLayerTest({
      make: () => att.multiHeadAttention({
        numHeads: 3, keyDim: 2, valueDim: 4, outputShape: 6, dropout: 0.3, kernelRegularizer: 'l2', biasConstraint: 'maxNorm', name: 'mha2',
      }),
      input: [[2, 3, 5], [2, 4, 2], [2, 4, 3]], expectedOutputShape: [2, 3, 6],
      expectedWeightShapes: [[5, 3, 2], [3, 2], [3, 3, 2], [3, 2], [2, 3, 4], [3, 4], [3, 4, 6], [6]],
    });
    await runLayerTest({
      make: () => att.multiHeadAttention({ numHeads: 1, keyDim: 2, useBias: false, attentionAxes: [2], outputShape: [2, 3], name: 'mha3' }),
      input: [[2, 2, 3, 4], [2, 2, 5, 4]], expectedOutputShape: [2, 2, 3, 2, 3],
      expectedWeightShapes: [[4, 1, 2], [4, 1, 2], [4, 1, 2], [1, 2, 2, 3]],
    });
  });

  it('equals torch.nn.MultiheadAttention with a padding mask and a causal mask (output and weights)', () => {
    expectCase('mha_torch', make);
  });

  it('combines query, value and explicit masks as Keras (masked queries output the bias); valueDim, outputShape, key', () => {
    const [out] = expectCase('mha_keras_masks', make);
    // The padding query (sample 1, step 3) attends to nothing: its output is the output bias.
    const c = fixture('mha_keras_masks');
    const bias = c.weights[7]!.data;
    const row = (out!.arraySync() as number[][][])[1]![3]!;
    row.forEach((v, i) => expect(v).toBeCloseTo(bias[i]!, 5));
    expect(tsr.layers.getMask(out!)!.arraySync()).toEqual([[1, 1, 1, 1], [1, 1, 1, 0]]);
  });

  it('computes the same on ONNX Runtime (masks, causal mask, chosen axes)', async () => {
    for (const name of ['mha_torch', 'mha_keras_masks', 'mha_axis2', 'mha_rank4_default']) await expectCaseOnnx(name, make);
  });

  it('attends over chosen axes of rank-4 inputs, and over all of them by default', () => {
    expectCase('mha_axis2', make);
    expectCase('mha_rank4_default', make);
  });

  it('lays out masks over chosen axes as attention over the flattened rows does', () => {
    tsr.setBackend('reference');
    tsr.setSeed(4);
    const x = tsr.randomNormal([2, 2, 3, 4]);
    const keep = tsr.greater(tsr.randomUniform([2, 2, 3, 3]), 0.4);
    const queryKeep = tsr.tensor([[[1, 1, 0], [1, 1, 1]], [[1, 1, 1], [0, 1, 1]]], [2, 2, 3], 'bool');
    const byAxis = att.multiHeadAttention({ numHeads: 2, keyDim: 3, attentionAxes: [2] });
    const a = byAxis.apply([x, x], { mask: [queryKeep, null], kwargs: { attentionMask: keep } }) as Tensor;
    const flat = att.multiHeadAttention({ numHeads: 2, keyDim: 3 });
    const rows = tsr.reshape(x, [4, 3, 4]);
    flat.apply([rows, rows]);
    flat.setWeights(byAxis.getWeights());
    const b = flat.apply([rows, rows], { mask: [tsr.reshape(queryKeep, [4, 3]), null], kwargs: { attentionMask: tsr.reshape(keep, [4, 3, 3]) } }) as Tensor;
    expectClose(a, { shape: [2, 2, 3, 4], data: [...b.dataSync()].map(Number) }, 1e-6);
    // A mask without the non-attention axis broadcasts over it.
    const shared = tsr.slice(keep, [0, 0, 0, 0], [2, 1, 3, 3]);
    const c = byAxis.apply([x, x], { kwargs: { attentionMask: tsr.reshape(shared, [2, 3, 3]) } }) as Tensor;
    const d = byAxis.apply([x, x], { kwargs: { attentionMask: tsr.broadcastTo(shared, [2, 2, 3, 3]) } }) as Tensor;
    expect(c.dataSync()).toEqual(d.dataSync());
  });

  it('takes the query mask from an embedding with maskZero in a functional model', () => {
    tsr.setBackend('reference');
    const c = fixture('mha_torch');
    const ids = tsr.layers.input({ shape: [5], dtype: 'int32' });
    const emb = embedding({ inputDim: 6, outputDim: 8, maskZero: true });
    const x = emb.apply(ids);
    const layer = make(c.args);
    const y = layer.apply([x, x]) as tsr.layers.SymbolicTensor;
    expect(y.shape).toEqual([null, 5, 8]);
    expect(y.hasMask).toBe(true);
    const model = tsr.model({ inputs: ids, outputs: y });
    const tokens = tsr.tensor([[1, 2, 3, 0, 0]], [1, 5], 'int32');
    layer.setWeights(c.weights.map(toTensor));
    const got = model.apply(tokens) as Tensor;
    // The same as giving the masks by hand.
    const e = emb.apply(tokens);
    const keep = tsr.notEqual(tokens, 0);
    const want = layer.apply([e, e], { mask: [keep, keep] }) as Tensor;
    expectClose(got, { shape: [...want.shape], data: [...want.dataSync()].map(Number) }, 1e-6);
    // Padding queries attend to nothing (output = bias); real ones ignore padding keys.
    const noPadKeys = layer.apply([e, tsr.slice(e, [0, 0, 0], [1, 3, 8])]) as Tensor;
    expectClose(tsr.slice(got, [0, 0, 0], [1, 3, 8]), { shape: [1, 3, 8], data: [...tsr.slice(noPadKeys, [0, 0, 0], [1, 3, 8]).dataSync()].map(Number) }, 1e-5);
  });

  it('drops attention weights in training only, and returns the weights before dropout', () => {
    tsr.setBackend('reference');
    const layer = att.multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 0.5 });
    const x = toTensor(fixture('mha_torch').inputs![0]!);
    const [a, sa] = layer.apply([x, x], { kwargs: { returnAttentionScores: true } }) as Tensor[];
    const [b] = layer.apply([x, x], { kwargs: { returnAttentionScores: true } }) as Tensor[];
    expect(a!.dataSync()).toEqual(b!.dataSync());
    tsr.setSeed(5);
    const [c, sc] = layer.apply([x, x], { training: true, kwargs: { returnAttentionScores: true } }) as Tensor[];
    expect(c!.dataSync()).not.toEqual(a!.dataSync());
    expect(sc!.dataSync()).toEqual(sa!.dataSync());
    const sums = tsr.sum(sa!, -1).dataSync();
    for (const s of sums) expect(Number(s)).toBeCloseTo(1, 5);
  });

  it('gives zero weights (no NaN) to a query whose keys are all masked', () => {
    tsr.setBackend('reference');
    const layer = att.multiHeadAttention({ numHeads: 1, keyDim: 2 });
    const x = tsr.tensor([[[1, 2], [3, 4]]]);
    const [, scores] = layer.apply([x, x], { kwargs: { returnAttentionScores: true, attentionMask: tsr.tensor([[[1, 0], [0, 0]]], [1, 2, 2], 'bool') } }) as Tensor[];
    expect(scores!.arraySync()).toEqual([[[[1, 0], [0, 0]]]]);
  });

  it('rejects bad arguments and inputs with the value received', () => {
    expect(() => att.multiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow('numHeads must be an integer ≥ 1. Received: numHeads=0');
    expect(() => att.multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 1 })).toThrow('dropout must be a number in [0, 1). Received: dropout=1');
    expect(() => att.multiHeadAttention({ numHeads: 2, keyDim: 2, outputShape: [0] })).toThrow('outputShape must be an integer ≥ 1 or a list of them. Received: outputShape=[0]');
    const x = tsr.zeros([1, 3, 4]);
    expect(() => att.multiHeadAttention({ numHeads: 2, keyDim: 2 }).apply(x)).toThrow('must be called on a list [query, value] or [query, value, key]. Received: one input');
    expect(() => att.multiHeadAttention({ numHeads: 2, keyDim: 2 }).apply([x, tsr.zeros([1, 3])])).toThrow('query, value and key must have the same rank ≥ 3');
    expect(() => att.multiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [3] }).apply([x, x])).toThrow('attentionAxes must be distinct axes in [1, 1] (not the batch or features) for inputs of rank 3. Received: attentionAxes=[3]');
    const layer = att.multiHeadAttention({ numHeads: 2, keyDim: 2 });
    expect(() => layer.apply([x, x], { kwargs: { attentionMask: tsr.ones([1, 2, 3], 'bool') } })).toThrow('attentionMask must broadcast to [1,3,3] ([batch, ..., query positions, key positions]). Received: attentionMask [1,2,3]');
    expect(() => layer.apply([x, x], { kwargs: { useCausalMask: 1 } })).toThrow('useCausalMask must be a boolean. Received: useCausalMask=1');
    expect(() => layer.apply([x, x], { mask: [tsr.ones([1, 2], 'bool'), null] })).toThrow("the query's mask must have the query's shape without the features [1,3]. Received: mask [1,2]");
  });
});
