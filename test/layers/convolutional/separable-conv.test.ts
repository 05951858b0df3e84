import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/convolutional/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { checkTorchCase, loadCases } from './torch-cases.js';

const factories = { separableConv1d: L.separableConv1d, separableConv2d: L.separableConv2d } as Record<string, (a: never) => tsr.layers.Layer>;

describe('separableConv1d / separableConv2d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({
      make: () => L.separableConv1d({ filters: 3, kernelSize: 3, depthMultiplier: 2, padding: 'same', name: 's1' }),
      input: [2, 6, 2], expectedOutputShape: [2, 6, 3], expectedWeightShapes: [[3, 2, 2], [1, 4, 3], [3]],
    });
    await runLayerTest({
      make: () => L.separableConv2d({ filters: 4, kernelSize: 3, strides: 2, activation: 'tanh', pointwiseConstraint: 'nonNeg', name: 's2' }),
      input: [1, 5, 5, 3], expectedOutputShape: [1, 2, 2, 4], expectedWeightShapes: [[3, 3, 3, 1], [1, 1, 3, 4], [4]],
    });
  });

  it('match PyTorch (depthwise then pointwise)', async () => {
    const cases = loadCases('convolutional').filter((c) => c.layer in factories);
    expect(cases.length).toBe(3);
    for (const c of cases) await checkTorchCase(c, factories[c.layer]!);
  });

  it('is a depthwise convolution followed by a 1×1 convolution (hand values)', () => {
    tsr.setBackend('reference');
    const layer = L.separableConv1d({ filters: 1, kernelSize: 2, biasInitializer: 'ones' });
    const x = tsr.tensor([[[1, 2], [3, 4]]]);
    layer.apply(x);
    // depthwise: ch0 = 1·1 + 3·1 = 4, ch1 = 2·1 + 4·(-1) = -2; pointwise: 4·0.5 + (-2)·2 = -2; + bias 1
    layer.setWeights([tsr.tensor([[[1], [1]], [[1], [-1]]]), tsr.tensor([[[0.5], [2]]]), tsr.tensor([1])]);
    expect(layer.apply(x).arraySync()).toEqual([[[-1]]]);
  });

  it('stores Keras config keys', () => {
    expect(L.separableConv2d({ filters: 2, kernelSize: 3 }).getConfig()).toMatchObject({
      depthMultiplier: 1, filters: 2, pointwiseInitializer: { className: 'GlorotUniform' }, pointwiseRegularizer: null, depthwiseConstraint: null,
    });
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => L.separableConv2d({ filters: 0, kernelSize: 3 })).toThrow('separableConv2d: filters must be an integer ≥ 1. Received: filters=0');
    expect(() => L.separableConv1d({ filters: 2, kernelSize: 3, depthMultiplier: 1.5 })).toThrow('depthMultiplier must be an integer ≥ 1. Received: depthMultiplier=1.5');
    expect(() => L.separableConv1d({ filters: 2, kernelSize: 3, dataFormat: 'channels_first' })).toThrow(`separableConv1d: only dataFormat 'channels_last' is supported`);
  });
});
