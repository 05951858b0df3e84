import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/convolutional/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { checkTorchCase, loadCases } from './torch-cases.js';

const factories = { depthwiseConv1d: L.depthwiseConv1d, depthwiseConv2d: L.depthwiseConv2d } as Record<string, (a: never) => tsr.layers.Layer>;

describe('depthwiseConv1d / depthwiseConv2d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({
      make: () => L.depthwiseConv1d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', name: 'dw1' }),
      input: [2, 6, 3], expectedOutputShape: [2, 6, 6], expectedWeightShapes: [[3, 3, 2], [6]],
    });
    await runLayerTest({
      make: () => L.depthwiseConv2d({ kernelSize: 3, strides: 2, activation: 'relu', depthwiseRegularizer: 'l2', name: 'dw2' }),
      input: [2, 5, 6, 2], expectedOutputShape: [2, 2, 2, 2], expectedWeightShapes: [[3, 3, 2, 1], [2]],
    });
  });

  it('match PyTorch (kernel [k..., in, multiplier], output channel c·multiplier + j)', async () => {
    const cases = loadCases('convolutional').filter((c) => c.layer in factories);
    expect(cases.length).toBe(3);
    for (const c of cases) await checkTorchCase(c, factories[c.layer]!);
  });

  it('convolves each channel with its own filters (hand values)', () => {
    tsr.setBackend('reference');
    const layer = L.depthwiseConv1d({ kernelSize: 1, depthMultiplier: 2, useBias: false });
    const x = tsr.tensor([[[1, 10]]]);
    layer.apply(x);
    // kernel [1, in=2, m=2]: channel 0 → ×2, ×3; channel 1 → ×-1, ×0.5
    layer.setWeights([tsr.tensor([[[2, 3], [-1, 0.5]]])]);
    expect(layer.apply(x).arraySync()).toEqual([[[2, 3, -10, 5]]]);
  });

  it('stores Keras config keys', () => {
    expect(L.depthwiseConv2d({ kernelSize: 3 }).getConfig()).toMatchObject({
      depthMultiplier: 1, kernelSize: [3, 3], depthwiseInitializer: { className: 'GlorotUniform' }, depthwiseRegularizer: null, depthwiseConstraint: null,
    });
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 0 })).toThrow('depthwiseConv2d: depthMultiplier must be an integer ≥ 1. Received: depthMultiplier=0');
    expect(() => L.depthwiseConv1d({ kernelSize: [3, 3] })).toThrow('depthwiseConv1d: kernelSize must be an integer ≥ 1. Received: kernelSize=[3,3]');
    const layer = L.depthwiseConv2d({ kernelSize: 2, name: 'dw' });
    layer.apply(tsr.zeros([1, 3, 3, 2]));
    expect(() => layer.apply(tsr.zeros([1, 3, 3, 4]))).toThrow('dw: expected inputs with 2 channels');
  });
});
