import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as rec from '../../../src/layers/recurrent/index.js';
import { expectCase, values } from './fixtures.js';

const make = (args: Record<string, unknown>): rec.SimpleRNN => rec.simpleRNN(args as unknown as rec.SimpleRNNArgs);

describe('simpleRNN', () => {
  it('passes the layer test', async () => {
    await runLayerTest({
      make: () => rec.simpleRNN({ units: 3, name: 's' }),
      input: [2, 4, 5], expectedOutputShape: [2, 3], expectedWeightShapes: [[5, 3], [3, 3], [3]],
    });
    await runLayerTest({
      make: () => rec.simpleRNN({ units: 2, returnSequences: true, returnState: true, goBackwards: true, activation: 'relu', dropout: 0.3, recurrentDropout: 0.2, biasRegularizer: 'l1', name: 's2' }),
      input: [3, 3, 2], expectedOutputShape: [[3, 3, 2], [3, 2]], expectedWeightShapes: [[2, 2], [2, 2], [2]],
    });
  });

  it('equals PyTorch nn.RNN (sequence and state, goBackwards, relu without bias)', () => {
    for (const name of ['simple_rnn_seq_state', 'simple_rnn_backwards', 'simple_rnn_relu_nobias']) expectCase(name, make);
  });

  it('computes tanh(x·W + b + h·U) step by step (hand values)', () => {
    tsr.setBackend('reference');
    const layer = rec.simpleRNN({ units: 1, returnSequences: true, activation: null });
    layer.apply(tsr.zeros([1, 3, 1]));
    layer.setWeights([tsr.tensor([[2]]), tsr.tensor([[0.5]]), tsr.tensor([1])]);
    // Linear: h1 = 2·1 + 1 = 3, h2 = 2·0 + 1 + 1.5 = 2.5, h3 = 2·(−1) + 1 + 1.25 = 0.25.
    expect(values(layer.apply(tsr.tensor([[[1], [0], [-1]]])))).toEqual([3, 2.5, 0.25]);
    expect(layer.getConfig()['activation']).toBe('linear');
  });

  it('rejects bad arguments', () => {
    expect(() => rec.simpleRNN({ units: 1.5 })).toThrow('units must be an integer ≥ 1. Received: units=1.5');
    expect(() => rec.simpleRNN({ units: 2, activation: 'nope' })).toThrow(/unknown activation 'nope'/);
  });
});
