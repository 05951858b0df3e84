import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { getMask } from '../../../src/layers/layer.js';
import * as L from '../../../src/layers/pooling/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { checkTorchCase, loadCases } from '../convolutional/torch-cases.js';

const factories = {
  globalMaxPooling1d: L.globalMaxPooling1d, globalMaxPooling2d: L.globalMaxPooling2d, globalMaxPooling3d: L.globalMaxPooling3d,
  globalAveragePooling1d: L.globalAveragePooling1d, globalAveragePooling2d: L.globalAveragePooling2d, globalAveragePooling3d: L.globalAveragePooling3d,
} as Record<string, (a: never) => tsr.layers.Layer>;

describe('globalMaxPooling1d/2d/3d, globalAveragePooling1d/2d/3d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({ make: () => L.globalMaxPooling1d({ name: 'gm1' }), input: [2, 5, 3], expectedOutputShape: [2, 3] });
    await runLayerTest({ make: () => L.globalAveragePooling1d({ keepdims: true, name: 'ga1' }), input: [2, 5, 3], expectedOutputShape: [2, 1, 3] });
    await runLayerTest({ make: () => L.globalMaxPooling2d({ keepdims: true, name: 'gm2' }), input: [2, 3, 4, 3], expectedOutputShape: [2, 1, 1, 3] });
    await runLayerTest({ make: () => L.globalAveragePooling2d({ name: 'ga2' }), input: [2, 3, 4, 3], expectedOutputShape: [2, 3] });
    await runLayerTest({ make: () => L.globalMaxPooling3d({ name: 'gm3' }), input: [2, 2, 3, 2, 2], expectedOutputShape: [2, 2] });
    await runLayerTest({ make: () => L.globalAveragePooling3d({ keepdims: true, name: 'ga3' }), input: [2, 2, 3, 2, 2], expectedOutputShape: [2, 1, 1, 1, 2] });
  });

  it('match PyTorch', async () => {
    const cases = loadCases('pooling').filter((c) => c.layer in factories);
    expect(cases.length).toBe(6);
    for (const c of cases) await checkTorchCase(c, factories[c.layer]!);
  });

  it('globalAveragePooling1d averages the unmasked steps only, and the mask stops there', async () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 10], [3, 30], [100, 1000]], [[2, 4], [Infinity, NaN], [6, 8]]]);
    const mask = tsr.tensor([[true, true, false], [true, false, true]], undefined, 'bool');
    const layer = L.globalAveragePooling1d();
    const y = layer.apply(x, { mask });
    expect(y.arraySync()).toEqual([[2, 20], [4, 6]]);
    expect(getMask(y)).toBeNull();
    expect(L.globalAveragePooling1d({ keepdims: true }).apply(x, { mask }).shape).toEqual([2, 1, 2]);
    tsr.setBackend('onnxruntime');
    try {
      expect(Array.from(await layer.apply(x, { mask }).data(), Number)).toEqual([2, 20, 4, 6]);
    } finally {
      tsr.setBackend('reference');
    }
    // Without a mask: the plain mean.
    expect(layer.apply(tsr.tensor([[[1], [2], [6]]])).arraySync()).toEqual([[3]]);
  });

  it('stores Keras config keys', () => {
    expect(L.globalMaxPooling2d().getConfig()).toMatchObject({ dataFormat: 'channels_last', keepdims: false });
  });

  it('rejects bad arguments and inputs with what it received', () => {
    expect(() => L.globalAveragePooling2d({ dataFormat: 'channels_first' })).toThrow(`globalAveragePooling2d: only dataFormat 'channels_last' is supported`);
    expect(() => L.globalMaxPooling3d({ name: 'g3' }).apply(tsr.zeros([2, 3, 4, 1]))).toThrow('g3: expected an input of rank 5 [batch, 3 spatial axes, channels]. Received: input shape [2,3,4,1]');
    const layer = L.globalAveragePooling1d({ name: 'ga' });
    expect(() => layer.apply(tsr.zeros([2, 3, 1]), { mask: tsr.ones([2, 4], 'bool') })).toThrow('ga: the mask must be [batch, steps] = [2,3]. Received: mask shape [2,4]');
  });
});
