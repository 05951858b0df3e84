import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as rec from '../../../src/layers/recurrent/index.js';
import { expectCase, values } from './fixtures.js';

const wrap = (inner: (a: Record<string, unknown>) => rec.RNN) => (args: Record<string, unknown>): rec.Bidirectional =>
  rec.bidirectional({ layer: inner(args['layer'] as Record<string, unknown>), mergeMode: args['mergeMode'] as rec.MergeMode });
const lstmOf = (a: Record<string, unknown>): rec.RNN => rec.lstm(a as unknown as rec.LSTMArgs);
const gruOf = (a: Record<string, unknown>): rec.RNN => rec.gru(a as unknown as rec.GRUArgs);

describe('bidirectional', () => {
  it('passes the layer test (concat with states; sum; list output without merge)', async () => {
    await runLayerTest({
      make: () => rec.bidirectional({ layer: rec.lstm({ units: 3, returnSequences: true, returnState: true }), name: 'b' }),
      input: [2, 4, 2],
      expectedOutputShape: [[2, 4, 6], [2, 3], [2, 3], [2, 3], [2, 3]],
      expectedWeightShapes: [[2, 12], [3, 12], [12], [2, 12], [3, 12], [12]],
    });
    await runLayerTest({
      make: () => rec.bidirectional({ layer: rec.gru({ units: 2 }), mergeMode: 'sum', name: 'b2' }),
      input: [2, 3, 3], expectedOutputShape: [2, 2],
    });
    await runLayerTest({
      make: () => rec.bidirectional({ layer: rec.simpleRNN({ units: 2, returnSequences: true }), mergeMode: null, name: 'b3' }),
      input: [2, 3, 3], expectedOutputShape: [[2, 3, 2], [2, 3, 2]],
    });
  });

  it('equals PyTorch bidirectional LSTM/GRU (concat with final states; sum of last outputs)', () => {
    expectCase('bidirectional_lstm_concat', wrap(lstmOf));
    expectCase('bidirectional_gru_sum_last', wrap(gruOf));
  });

  it('outputs zeros at masked steps in both directions when returning sequences (ave)', () => {
    expectCase('bidirectional_lstm_mask_ave', wrap(lstmOf));
  });

  it('merges with mul and ave as the two directions computed alone, flipping the backward sequence back', () => {
    tsr.setBackend('reference');
    const x = tsr.randomNormal([2, 4, 3], { key: tsr.randomKey(5) });
    const parts = rec.bidirectional({ layer: rec.simpleRNN({ units: 2, returnSequences: true }), mergeMode: null });
    const [fwd, bwd] = parts.apply(x) as unknown as [Tensor, Tensor];
    // The backward direction alone, in its reading (reversed) order.
    const alone = rec.simpleRNN({ units: 2, returnSequences: true, goBackwards: true });
    alone.apply(x);
    alone.setWeights(parts.backwardLayer.getWeights());
    expect(values(bwd)).toEqual(values(tsr.flip(alone.apply(x), 1)));
    for (const mode of ['mul', 'ave', 'concat'] as const) {
      const merged = rec.bidirectional({ layer: rec.simpleRNN({ units: 2, returnSequences: true }), mergeMode: mode });
      merged.apply(x);
      merged.setWeights(parts.getWeights());
      const want = mode === 'mul' ? tsr.mul(fwd, bwd) : mode === 'ave' ? tsr.div(tsr.add(fwd, bwd), 2) : tsr.concat([fwd, bwd], -1);
      values(merged.apply(x)).forEach((v, i) => expect(v).toBeCloseTo(values(want)[i]!, 6));
    }
  });

  it('splits an initial state list in halves (forward, backward)', () => {
    tsr.setBackend('reference');
    const x = tsr.randomNormal([2, 3, 3], { key: tsr.randomKey(6) });
    const h = [0, 1].map((i) => tsr.randomNormal([2, 2], { key: tsr.randomKey(10 + i) }));
    const b = rec.bidirectional({ layer: rec.gru({ units: 2 }), mergeMode: null });
    const [f, r] = b.apply(x, { kwargs: { initialState: h } }) as unknown as [Tensor, Tensor];
    const fwd = b.forwardLayer.apply(x, { kwargs: { initialState: [h[0]!] } });
    const bwd = b.backwardLayer.apply(x, { kwargs: { initialState: [h[1]!] } });
    expect(values(f)).toEqual(values(fwd));
    expect(values(r)).toEqual(values(bwd));
    expect(() => b.apply(x, { kwargs: { initialState: [h[0]!] } })).toThrow('an even count). Received: 1 tensor(s)');
  });

  it('keeps the wrapped layer in its config; rebuilds fresh copies named forward_/backward_', () => {
    const inner = rec.lstm({ units: 3, name: 'enc', inputShape: [5, 2] });
    const b = rec.bidirectional({ layer: inner, mergeMode: 'ave', name: 'bi' });
    expect(b.forwardLayer).not.toBe(inner);
    expect([b.forwardLayer.name, b.backwardLayer.name]).toEqual(['forward_enc', 'backward_enc']);
    expect([b.forwardLayer.goBackwards, b.backwardLayer.goBackwards]).toEqual([false, true]);
    expect(b.batchInputShape).toEqual([null, 5, 2]);
    const json = JSON.parse(JSON.stringify(b.toJSON()));
    expect(json.config).toMatchObject({ mergeMode: 'ave', layer: { className: 'LSTM', config: { name: 'forward_enc', units: 3 } }, backwardLayer: { className: 'LSTM', config: { goBackwards: true } } });
    const clone = tsr.deserialize('layer', json) as rec.Bidirectional;
    expect(clone.getConfig()).toEqual(b.getConfig());
    // A Sequential takes its input shape from the wrapped layer.
    const model = tsr.sequential([b, tsr.layers.dense({ units: 1 })]);
    expect(model.apply(tsr.zeros([4, 5, 2])).shape).toEqual([4, 1]);
  });

  it('rejects bad arguments', () => {
    expect(() => rec.bidirectional({ layer: rec.lstm({ units: 2 }), mergeMode: 'max' as rec.MergeMode }))
      .toThrow(`mergeMode must be 'concat', 'sum', 'mul', 'ave' or null. Received: mergeMode="max"`);
    expect(() => rec.bidirectional({ layer: tsr.layers.dense({ units: 2 }) as unknown as rec.RNN }))
      .toThrow('layer must be a recurrent layer (RNN, LSTM, GRU, SimpleRNN, ConvLSTM*). Received: Dense');
    expect(() => rec.bidirectional({ layer: rec.lstm({ units: 2 }), backwardLayer: rec.lstm({ units: 2 }) }))
      .toThrow('different goBackwards. Received: goBackwards=false for both');
    expect(() => rec.bidirectional({ layer: rec.lstm({ units: 2 }), backwardLayer: rec.lstm({ units: 2, goBackwards: true, returnSequences: true }) }))
      .toThrow('the same returnSequences. Received: false (forward) and true (backward)');
  });
});
