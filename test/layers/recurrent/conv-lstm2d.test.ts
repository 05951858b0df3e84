import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as rec from '../../../src/layers/recurrent/index.js';
import { expectCase, values } from './fixtures.js';

const make = (args: Record<string, unknown>): rec.ConvLSTM2D => rec.convLSTM2d(args as unknown as rec.ConvLSTMArgs);

describe('convLSTM2d', () => {
  it('passes the layer test (same padding with states; valid and strided)', async () => {
    await runLayerTest({
      make: () => rec.convLSTM2d({ filters: 2, kernelSize: 3, padding: 'same', returnSequences: true, returnState: true, name: 'c' }),
      input: [2, 3, 4, 4, 1],
      expectedOutputShape: [[2, 3, 4, 4, 2], [2, 4, 4, 2], [2, 4, 4, 2]],
      expectedWeightShapes: [[3, 3, 1, 8], [3, 3, 2, 8], [8]],
    });
    await runLayerTest({
      make: () => rec.convLSTM2d({ filters: 1, kernelSize: [2, 3], strides: 2, dropout: 0.2, recurrentDropout: 0.2, name: 'c2' }),
      input: [2, 2, 5, 6, 2], expectedOutputShape: [2, 2, 2, 1], expectedWeightShapes: [[2, 3, 2, 4], [2, 3, 1, 4], [4]],
    });
  });

  it('equals a PyTorch loop of conv2d gates (same padding, sequences and states; valid with strides 2)', () => {
    expectCase('conv_lstm2d_same', make);
    expectCase('conv_lstm2d_valid_strided', make);
  });

  it('is an LSTM when the kernel is 1×1 on a 1×1 image', () => {
    tsr.setBackend('reference');
    const x = tsr.randomNormal([2, 4, 1, 1, 3], { key: tsr.randomKey(2) });
    const conv = rec.convLSTM2d({ filters: 2, kernelSize: 1, returnSequences: true });
    const lstm = rec.lstm({ units: 2, returnSequences: true });
    conv.apply(x);
    lstm.apply(tsr.reshape(x, [2, 4, 3]));
    // Kernels [1, 1, in, 4f] are the LSTM's [in, 4u].
    lstm.setWeights(conv.getWeights().map((w) => (w.rank === 4 ? tsr.reshape(w, w.shape.slice(2)) : w)));
    const a = values(conv.apply(x));
    values(lstm.apply(tsr.reshape(x, [2, 4, 3]))).forEach((v, i) => expect(a[i]).toBeCloseTo(v, 6));
  });

  it('has the Keras config and a 1D and 3D variant', () => {
    const layer = rec.convLSTM2d({ filters: 4, kernelSize: [3, 2], name: 'cl' });
    expect(layer.getConfig()).toMatchObject({
      name: 'cl', filters: 4, kernelSize: [3, 2], strides: [1, 1], padding: 'valid', dataFormat: 'channels_last', dilationRate: [1, 1],
      activation: 'tanh', recurrentActivation: 'sigmoid', unitForgetBias: true, returnSequences: false,
    });
    expect(layer.getConfig()['rank']).toBeUndefined();
    expect(rec.convLSTM1d({ filters: 1, kernelSize: 2 }).apply(tsr.zeros([1, 2, 5, 3])).shape).toEqual([1, 4, 1]);
    expect(rec.convLSTM3d({ filters: 1, kernelSize: 2, padding: 'same' }).apply(tsr.zeros([1, 2, 3, 3, 3, 1])).shape).toEqual([1, 3, 3, 3, 1]);
    expect(rec.convLSTM2d({ filters: 1, kernelSize: 1 }).name).toMatch(/^conv_lstm2d/);
  });

  it('rejects bad arguments and inputs', () => {
    expect(() => rec.convLSTM2d({ filters: 0, kernelSize: 3 })).toThrow('filters must be an integer ≥ 1. Received: filters=0');
    expect(() => rec.convLSTM2d({ filters: 1, kernelSize: [3] })).toThrow('kernelSize must be an integer ≥ 1 or a list of 2 such integers. Received: kernelSize=[3]');
    expect(() => rec.convLSTM2d({ filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow('strides > 1 cannot be combined with dilationRate > 1');
    expect(() => rec.convLSTM2d({ filters: 1, kernelSize: 3, padding: 'causal' as 'same' })).toThrow(`padding must be 'valid' or 'same'. Received: padding="causal"`);
    expect(() => rec.convLSTM2d({ filters: 1, kernelSize: 3 }).apply(tsr.zeros([1, 2, 4, 4]))).toThrow('expected inputs of rank 5 [batch, time, 2 spatial axes, channels]. Received: input shape [1,2,4,4]');
    expect(() => rec.convLSTM2d({ filters: 1, kernelSize: 3 }).apply(tsr.zeros([1, 2, 2, 4, 1]))).toThrow('the input is smaller than the kernel along spatial axis 0');
  });
});
