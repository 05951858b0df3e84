import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as rec from '../../../src/layers/recurrent/index.js';
import { expectCase, values } from './fixtures.js';

const make = (args: Record<string, unknown>): rec.GRU => rec.gru(args as unknown as rec.GRUArgs);

describe('gru', () => {
  it('passes the layer test (resetAfter true and false)', async () => {
    await runLayerTest({
      make: () => rec.gru({ units: 3, returnSequences: true, name: 'g' }),
      input: [2, 4, 2], expectedOutputShape: [2, 4, 3], expectedWeightShapes: [[2, 9], [3, 9], [2, 9]],
    });
    await runLayerTest({
      make: () => rec.gru({ units: 2, resetAfter: false, returnState: true, goBackwards: true, recurrentDropout: 0.25, dropout: 0.1, name: 'g2' }),
      input: [2, 3, 3], expectedOutputShape: [[2, 2], [2, 2]], expectedWeightShapes: [[3, 6], [2, 6], [6]],
    });
  });

  it('equals PyTorch nn.GRU with the gates and biases mapped (resetAfter true), and the Keras formula with resetAfter false', () => {
    for (const name of ['gru_seq_state', 'gru_backwards_last', 'gru_reset_before']) expectCase(name, make);
  });

  it('holds the state over masked steps', () => {
    expectCase('gru_mask', make);
  });

  it('keeps the state where z = 1 and takes the candidate where z = 0 (hand values)', () => {
    tsr.setBackend('reference');
    // Huge z bias: z = 1, h stays at its initial value; huge negative: h = tanh(candidate).
    for (const [zBias, want] of [[50, 0.5], [-50, Math.tanh(0.3)]] as const) {
      const layer = rec.gru({ units: 1, resetAfter: false });
      layer.apply(tsr.zeros([1, 1, 1]));
      layer.setWeights([tsr.tensor([[0, 0, 0.3]]), tsr.tensor([[0, 0, 0]]), tsr.tensor([zBias, 0, 0])]);
      const h = layer.apply(tsr.ones([1, 1, 1]), { kwargs: { initialState: tsr.tensor([[0.5]]) } });
      expect(values(h)[0]).toBeCloseTo(want, 6);
    }
  });

  it('saves resetAfter and rejects bad arguments', () => {
    expect(rec.gru({ units: 2, resetAfter: false }).getConfig()).toMatchObject({ units: 2, resetAfter: false, recurrentActivation: 'sigmoid' });
    expect(() => rec.gru({ units: -1 })).toThrow('units must be an integer ≥ 1. Received: units=-1');
    const layer = rec.gru({ units: 2 });
    expect(() => layer.apply(tsr.zeros([2, 3, 4]), { mask: tsr.ones([2, 4], 'bool') })).toThrow('the mask must be [batch, time] = [2,3]. Received: mask shape [2,4]');
  });
});
