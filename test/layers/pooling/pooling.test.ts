import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/pooling/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { checkTorchCase, loadCases } from '../convolutional/torch-cases.js';

const factories = {
  maxPooling1d: L.maxPooling1d, maxPooling2d: L.maxPooling2d, maxPooling3d: L.maxPooling3d,
  averagePooling1d: L.averagePooling1d, averagePooling2d: L.averagePooling2d, averagePooling3d: L.averagePooling3d,
} as Record<string, (a: never) => tsr.layers.Layer>;

describe('maxPooling1d/2d/3d, averagePooling1d/2d/3d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({ make: () => L.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same', name: 'mp1' }), input: [2, 7, 3], expectedOutputShape: [2, 4, 3], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.averagePooling1d({ name: 'ap1' }), input: [2, 5, 3], expectedOutputShape: [2, 2, 3] });
    await runLayerTest({ make: () => L.maxPooling2d({ name: 'mp2' }), input: [2, 6, 5, 2], expectedOutputShape: [2, 3, 2, 2] });
    await runLayerTest({ make: () => L.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'ap2' }), input: [2, 5, 6, 2], expectedOutputShape: [2, 3, 3, 2] });
    await runLayerTest({ make: () => L.maxPooling3d({ poolSize: [1, 2, 2], name: 'mp3' }), input: [1, 2, 4, 4, 2], expectedOutputShape: [1, 2, 2, 2, 2] });
    await runLayerTest({ make: () => L.averagePooling3d({ padding: 'same', name: 'ap3' }), input: [1, 3, 3, 3, 2], expectedOutputShape: [1, 2, 2, 2, 2] });
  });

  it('match PyTorch (Keras same padding: padded cells never win a max and are left out of a mean)', async () => {
    const cases = loadCases('pooling').filter((c) => c.layer in factories);
    expect(cases.length).toBe(9);
    for (const c of cases) await checkTorchCase(c, factories[c.layer]!);
  });

  it('averages only real cells at a same-padded border (hand values)', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([1, 2, 3, 4, 5], [1, 5, 1]);
    // Pads: total 1, after. Windows [1,2], [3,4], [5, pad] → means 1.5, 3.5, 5 (not 2.5).
    expect(L.averagePooling1d({ padding: 'same' }).apply(x).arraySync()).toEqual([[[1.5], [3.5], [5]]]);
    expect(L.maxPooling1d({ padding: 'same' }).apply(tsr.neg(x)).arraySync()).toEqual([[[-1], [-3], [-5]]]);
  });

  it('defaults strides to poolSize and stores Keras config keys', () => {
    expect(L.maxPooling2d({ poolSize: 3 }).getConfig()).toMatchObject({ poolSize: [3, 3], strides: [3, 3], padding: 'valid', dataFormat: 'channels_last' });
    expect(L.averagePooling3d().getConfig()).toMatchObject({ poolSize: [2, 2, 2], strides: [2, 2, 2] });
    expect(L.maxPooling1d({ poolSize: 4, strides: null }).getConfig()).toMatchObject({ poolSize: [4], strides: [4] });
  });

  it('rejects bad arguments and inputs with what it received', () => {
    expect(() => L.maxPooling2d({ poolSize: 0 })).toThrow('maxPooling2d: poolSize must be an integer ≥ 1 or a list of 2 such integers. Received: poolSize=0');
    expect(() => L.averagePooling1d({ strides: [1, 1] })).toThrow('averagePooling1d: strides must be an integer ≥ 1. Received: strides=[1,1]');
    expect(() => L.maxPooling1d({ padding: 'causal' as 'same' })).toThrow(`maxPooling1d: padding must be 'valid' or 'same'. Received: padding="causal"`);
    expect(() => L.maxPooling2d({ dataFormat: 'channels_first' })).toThrow(`only dataFormat 'channels_last' is supported`);
    expect(() => L.maxPooling2d({ name: 'p' }).apply(tsr.zeros([2, 4, 3]))).toThrow('p: expected an input of rank 4 [batch, 2 spatial axes, channels]. Received: input shape [2,4,3]');
    expect(() => L.averagePooling2d({ poolSize: 3, name: 'q' }).apply(tsr.zeros([1, 2, 5, 1]))).toThrow(
      "q: with 'valid' padding the input must be at least as large as the pool window (3) along spatial axis 0. Received: input shape [1,2,5,1]");
  });
});
