import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as rec from '../../../src/layers/recurrent/index.js';
import { expectCase, expectClose, fixture, toTensor, values } from './fixtures.js';

const make = (args: Record<string, unknown>): rec.LSTM => rec.lstm(args as unknown as rec.LSTMArgs);

describe('lstm', () => {
  it('passes the layer test (last output; sequences and states; dropout, regularizers, constraints)', async () => {
    await runLayerTest({
      make: () => rec.lstm({ units: 4, name: 'l' }),
      input: [2, 5, 3], expectedOutputShape: [2, 4], expectedWeightShapes: [[3, 16], [4, 16], [16]],
    });
    await runLayerTest({
      make: () => rec.lstm({
        units: 3, returnSequences: true, returnState: true, goBackwards: true, dropout: 0.2, recurrentDropout: 0.3,
        kernelRegularizer: 'l2', recurrentConstraint: 'maxNorm', useBias: false, name: 'l2',
      }),
      input: [2, 4, 2], expectedOutputShape: [[2, 4, 3], [2, 3], [2, 3]], expectedWeightShapes: [[2, 12], [3, 12]],
    });
  });

  it('equals PyTorch nn.LSTM (sequences and final states, goBackwards, initial state)', () => {
    for (const name of ['lstm_seq_state', 'lstm_backwards_last', 'lstm_initial_state']) expectCase(name, make);
  });

  it('skips masked steps as Keras (previous output and states kept), also backwards from an initial state', () => {
    for (const name of ['lstm_mask', 'lstm_mask_backwards_initial']) expectCase(name, make);
  });

  it('takes initial states as extra inputs (functional models) and in kwargs', () => {
    tsr.setBackend('reference');
    const c = fixture('lstm_initial_state');
    const layer = rec.lstm(c.args as unknown as rec.LSTMArgs);
    const x = toTensor(c.input);
    const [h0, c0] = c.initialState!.map(toTensor) as [Tensor, Tensor];
    layer.apply([x, h0, c0]);
    layer.setWeights(c.weights.map(toTensor));
    const out = layer.apply([x, h0, c0]) as Tensor[];
    expectClose(out[0]!, c.outputs[0]!);
    // Functional: the states are symbolic inputs of the model.
    const xi = tsr.layers.input({ shape: [5, 3] });
    const hi = tsr.layers.input({ shape: [4] });
    const ci = tsr.layers.input({ shape: [4] });
    const y = layer.apply([xi, hi, ci]) as unknown as tsr.layers.SymbolicTensor[];
    expect(y.map((s) => s.shape)).toEqual([[null, 5, 4], [null, 4], [null, 4]]);
    const m = tsr.model({ inputs: [xi, hi, ci], outputs: y[1]! });
    expectClose(m.apply([x, h0, c0]) as Tensor, c.outputs[1]!, 1e-4, 'functional h');
  });

  it('starts the forget gate bias at 1 (unitForgetBias) and the recurrent kernel orthogonal', () => {
    tsr.setBackend('reference');
    const layer = rec.lstm({ units: 3 });
    layer.apply(tsr.zeros([1, 2, 2]));
    expect(values(layer.cell.bias!)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const rk = layer.cell.recurrentKernel!;
    const gram = tsr.matmul(rk, tsr.transpose(rk)).arraySync() as number[][];
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
    const plain = rec.lstm({ units: 2, unitForgetBias: false, biasInitializer: 'ones' });
    plain.apply(tsr.zeros([1, 2, 2]));
    expect(values(plain.cell.bias!)).toEqual(new Array(8).fill(1));
  });

  it('uses one dropout mask per sequence and none at inference', () => {
    tsr.setBackend('reference');
    const layer = rec.lstm({ units: 3, dropout: 0.5, recurrentDropout: 0.5, returnSequences: true, seed: 4 });
    const x = tsr.randomNormal([2, 4, 3], { key: tsr.randomKey(1) });
    const a = values(layer.apply(x));
    const b = values(layer.apply(x));
    expect(a).toEqual(b);
    const t1 = values(layer.apply(x, { training: true }));
    expect(t1).not.toEqual(a);
    // The input mask is shared by the steps: a dropped feature is dropped at every step.
    const cell = layer.cell as unknown as { dropInputs(s: Tensor, t: boolean): Tensor };
    const dropped = cell.dropInputs(tsr.ones([2, 4, 3]), true).arraySync() as number[][][];
    for (const sample of dropped) for (const step of sample) expect(step).toEqual(sample[0]);
  });

  it('round-trips its Keras config (inline cell keys, no cell)', () => {
    const layer = rec.lstm({ units: 5, returnSequences: true, recurrentActivation: 'hard_sigmoid', unitForgetBias: false, name: 'enc' });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'enc', units: 5, activation: 'tanh', recurrentActivation: 'hard_sigmoid', unitForgetBias: false, returnSequences: true,
      returnState: false, goBackwards: false, stateful: false, unroll: false, dropout: 0, recurrentDropout: 0, seed: null,
      kernelInitializer: { className: 'GlorotUniform' }, recurrentInitializer: { className: 'Orthogonal' },
    });
    expect(config['cell']).toBeUndefined();
    layer.apply(tsr.zeros([1, 2, 3]));
    expect(layer.weights.map((w) => w.name)).toEqual(['enc/lstm_cell/kernel', 'enc/lstm_cell/recurrent_kernel', 'enc/lstm_cell/bias']);
  });

  it('rejects bad arguments and inputs with what it received', () => {
    expect(() => rec.lstm({ units: 0 })).toThrow('units must be an integer ≥ 1. Received: units=0');
    expect(() => rec.lstm({ units: 2, dropout: 1 })).toThrow('dropout must be a number in [0, 1). Received: dropout=1');
    expect(() => rec.lstm({ units: 2, recurrentDropout: -0.1 })).toThrow('recurrentDropout must be a number in [0, 1). Received: recurrentDropout=-0.1');
    const layer = rec.lstm({ units: 2 });
    expect(() => layer.apply(tsr.zeros([2, 3]))).toThrow('expected sequences [batch, time, ...features] (rank ≥ 3). Received: input shape [2,3]');
    layer.apply(tsr.zeros([1, 2, 3]));
    expect(() => layer.apply(tsr.zeros([1, 2, 4]))).toThrow('expected sequences [batch, time, 3] (the feature size it was built for). Received: shape [1,2,4]');
    expect(() => layer.apply(tsr.zeros([1, 2, 3]), { kwargs: { initialState: [tsr.zeros([1, 2])] } }))
      .toThrow('initialState must hold 2 state(s) of shapes [1,2], [1,2]. Received: 1 tensor(s)');
    expect(() => layer.apply(tsr.zeros([1, 2, 3]), { kwargs: { initialState: [tsr.zeros([1, 2]), tsr.zeros([1, 3])] } }))
      .toThrow('initial state 1 must have shape [1,2]. Received: shape [1,3]');
  });
});
