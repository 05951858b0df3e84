import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/convolutional/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { checkTorchCase, loadCases } from './torch-cases.js';

const factories = {
  conv1dTranspose: L.conv1dTranspose, conv2dTranspose: L.conv2dTranspose, conv3dTranspose: L.conv3dTranspose,
} as Record<string, (a: never) => tsr.layers.Layer>;

describe('conv1dTranspose / conv2dTranspose / conv3dTranspose', () => {
  it('pass the layer test', async () => {
    await runLayerTest({
      make: () => L.conv1dTranspose({ filters: 2, kernelSize: 3, strides: 2, activation: 'relu', name: 't1' }),
      input: [2, 4, 3], expectedOutputShape: [2, 9, 2], expectedWeightShapes: [[3, 2, 3], [2]],
    });
    await runLayerTest({
      make: () => L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', kernelRegularizer: 'l1', name: 't2' }),
      input: [2, 3, 4, 2], expectedOutputShape: [2, 6, 8, 3], expectedWeightShapes: [[3, 3, 3, 2], [3]],
    });
    await runLayerTest({
      make: () => L.conv2dTranspose({ filters: 2, kernelSize: 3, strides: [2, 3], outputPadding: [1, 2], useBias: false, name: 't2p' }),
      input: [1, 2, 3, 2], expectedOutputShape: [1, 6, 11, 2], expectedWeightShapes: [[3, 3, 2, 2]],
    });
    await runLayerTest({
      make: () => L.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2, name: 't3' }),
      input: [1, 2, 2, 3, 2], expectedOutputShape: [1, 4, 4, 6, 2], expectedWeightShapes: [[2, 2, 2, 2, 2], [2]],
    });
  });

  it('match PyTorch (Keras output sizes: valid, same, outputPadding, stride > kernel, dilation)', async () => {
    const cases = loadCases('convolutional').filter((c) => c.layer in factories);
    expect(cases.length).toBe(7);
    for (const c of cases) await checkTorchCase(c, factories[c.layer]!);
  });

  it('spreads each input cell over the kernel (hand values)', () => {
    tsr.setBackend('reference');
    const layer = L.conv1dTranspose({ filters: 1, kernelSize: 2, strides: 2, useBias: false });
    const x = tsr.tensor([1, 10], [1, 2, 1]);
    layer.apply(x);
    layer.setWeights([tsr.tensor([[[1]], [[2]]])]);
    expect(layer.apply(x).arraySync()).toEqual([[[1], [2], [10], [20]]]);
  });

  it('stores outputPadding (null by default) and Keras config keys', () => {
    expect(L.conv2dTranspose({ filters: 1, kernelSize: 2 }).getConfig()).toMatchObject({ outputPadding: null, kernelSize: [2, 2], strides: [1, 1], dilationRate: [1, 1] });
    expect(L.conv3dTranspose({ filters: 1, kernelSize: 2, strides: 2, outputPadding: 1 }).getConfig()['outputPadding']).toEqual([1, 1, 1]);
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => L.conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, outputPadding: 2 })).toThrow(
      'conv2dTranspose: outputPadding must be smaller than strides on every axis. Received: outputPadding=[2,2], strides=[2,2]');
    expect(() => L.conv1dTranspose({ filters: -1, kernelSize: 3 })).toThrow('conv1dTranspose: filters must be an integer ≥ 1. Received: filters=-1');
    expect(() => L.conv1dTranspose({ filters: 1, kernelSize: 3, padding: 'causal' as 'same' })).toThrow(`padding must be 'valid' or 'same'`);
    expect(() => L.conv2dTranspose({ filters: 1, kernelSize: 3, name: 'tr' }).apply(tsr.zeros([1, 3, 3]))).toThrow('tr: expected an input of rank 4');
  });
});
