import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/convolutional/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { checkTorchCase, loadCases } from './torch-cases.js';

const factories = { conv1d: L.conv1d, conv2d: L.conv2d, conv3d: L.conv3d } as Record<string, (a: never) => tsr.layers.Layer>;

describe('conv1d / conv2d / conv3d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({
      make: () => L.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelRegularizer: 'l2', kernelConstraint: 'maxNorm', name: 'c1' }),
      input: [2, 7, 3], expectedOutputShape: [2, 4, 4], expectedWeightShapes: [[3, 3, 4], [4]],
    });
    await runLayerTest({
      make: () => L.conv1d({ filters: 2, kernelSize: 3, dilationRate: 2, padding: 'causal', name: 'c1c' }),
      input: [2, 6, 2], expectedOutputShape: [2, 6, 2], expectedWeightShapes: [[3, 2, 2], [2]],
    });
    await runLayerTest({
      make: () => L.conv2d({ filters: 4, kernelSize: 3, activation: 'tanh', biasInitializer: 'ones', name: 'c2' }),
      input: [2, 6, 5, 3], expectedOutputShape: [2, 4, 3, 4], expectedWeightShapes: [[3, 3, 3, 4], [4]],
    });
    await runLayerTest({
      make: () => L.conv2d({ filters: 4, kernelSize: [2, 3], strides: [2, 1], padding: 'same', groups: 2, useBias: false, name: 'c2g' }),
      input: [2, 5, 4, 2], expectedOutputShape: [2, 3, 4, 4], expectedWeightShapes: [[2, 3, 1, 4]],
    });
    await runLayerTest({
      make: () => L.conv3d({ filters: 2, kernelSize: 2, strides: [1, 2, 2], padding: 'same', name: 'c3' }),
      input: [1, 3, 4, 5, 2], expectedOutputShape: [1, 3, 2, 3, 2], expectedWeightShapes: [[2, 2, 2, 2, 2], [2]],
    });
  });

  it('match PyTorch (same/causal padding, strides, dilation, groups)', async () => {
    const cases = loadCases('convolutional').filter((c) => c.layer in factories);
    expect(cases.length).toBe(6);
    for (const c of cases) await checkTorchCase(c, factories[c.layer]!);
  });

  it('compute a hand-checked 1D convolution', () => {
    tsr.setBackend('reference');
    const layer = L.conv1d({ filters: 1, kernelSize: 2 });
    const x = tsr.tensor([1, 2, 3, 4], [1, 4, 1]);
    layer.apply(x);
    layer.setWeights([tsr.tensor([[[1]], [[-1]]]), tsr.tensor([0.5])]);
    // y[t] = x[t] - x[t+1] + 0.5
    expect(layer.apply(x).arraySync()).toEqual([[[-0.5], [-0.5], [-0.5]]]);
  });

  it('infers shapes with an unknown number of steps', () => {
    const x = tsr.layers.input({ shape: [null, 3] });
    expect(L.conv1d({ filters: 5, kernelSize: 3 }).apply(x).shape).toEqual([null, null, 5]);
    const img = tsr.layers.input({ shape: [28, 28, 1] });
    expect(L.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }).apply(img).shape).toEqual([null, 14, 14, 8]);
  });

  it('stores Keras config keys with normalised tuples', () => {
    const config = L.conv2d({ filters: 3, kernelSize: 3, name: 'cfg' }).getConfig();
    expect(config).toMatchObject({
      filters: 3, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dataFormat: 'channels_last', dilationRate: [1, 1],
      groups: 1, activation: 'linear', useBias: true, kernelInitializer: { className: 'GlorotUniform' },
      biasInitializer: { className: 'Zeros' }, kernelRegularizer: null, biasConstraint: null,
    });
    expect(L.conv1d({ filters: 1, kernelSize: 2, padding: 'CAUSAL' as 'causal' }).padding).toBe('causal');
  });

  it('rejects bad arguments and inputs with what it received', () => {
    expect(() => L.conv2d({ filters: 0, kernelSize: 3 })).toThrow('conv2d: filters must be an integer ≥ 1. Received: filters=0');
    expect(() => L.conv2d({ filters: 2, kernelSize: [3, 0] })).toThrow('kernelSize must be an integer ≥ 1 or a list of 2 such integers. Received: kernelSize=[3,0]');
    expect(() => L.conv3d({ filters: 2, kernelSize: [3, 3] })).toThrow('Received: kernelSize=[3,3]');
    expect(() => L.conv2d({ filters: 2, kernelSize: 3, padding: 'causal' as 'same' })).toThrow(`padding must be 'valid' or 'same'. Received: padding="causal"`);
    expect(() => L.conv2d({ filters: 2, kernelSize: 3, dataFormat: 'channels_first' })).toThrow(`only dataFormat 'channels_last' is supported`);
    expect(() => L.conv1d({ filters: 3, kernelSize: 3, groups: 2 })).toThrow('filters must be divisible by groups. Received: filters=3, groups=2');
    const grouped = L.conv1d({ filters: 4, kernelSize: 1, groups: 2, name: 'grouped' });
    expect(() => grouped.apply(tsr.zeros([1, 3, 3]))).toThrow('grouped: the input channels must be divisible by groups (2). Received: input shape [1,3,3]');
    const c = L.conv2d({ filters: 2, kernelSize: 3, name: 'rank' });
    expect(() => c.apply(tsr.zeros([4, 5, 3]))).toThrow('rank: expected an input of rank 4 [batch, 2 spatial axes, channels]. Received: input shape [4,5,3]');
    c.apply(tsr.zeros([1, 4, 4, 3]));
    expect(() => c.apply(tsr.zeros([1, 4, 4, 2]))).toThrow('rank: expected inputs with 3 channels (last axis), as when the layer was built. Received: input shape [1,4,4,2]');
    expect(() => L.conv2d({ filters: 2, kernelSize: 5, name: 'small' }).apply(tsr.zeros([1, 4, 4, 1]))).toThrow(
      "small: with 'valid' padding the input must be at least as large as the kernel (5) along spatial axis 0. Received: input shape [1,4,4,1]");
    expect(() => L.conv1d({ filters: 2, kernelSize: 3, dilationRate: 2, name: 'dil' }).apply(tsr.zeros([1, 4, 1]))).toThrow('as large as the dilated kernel (5)');
  });
});
