import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/reshaping/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { checkTorchCase, loadCases } from '../convolutional/torch-cases.js';

const factories = { upSampling1d: L.upSampling1d, upSampling2d: L.upSampling2d, upSampling3d: L.upSampling3d } as Record<string, (a: never) => tsr.layers.Layer>;

describe('upSampling1d / upSampling2d / upSampling3d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({ make: () => L.upSampling1d({ name: 'u1' }), input: [2, 3, 2], expectedOutputShape: [2, 6, 2], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.upSampling2d({ size: [2, 3], name: 'u2' }), input: [2, 2, 3, 2], expectedOutputShape: [2, 4, 9, 2] });
    await runLayerTest({ make: () => L.upSampling2d({ interpolation: 'bilinear', name: 'u2b' }), input: [1, 3, 4, 2], expectedOutputShape: [1, 6, 8, 2] });
    await runLayerTest({ make: () => L.upSampling3d({ size: [1, 2, 2], name: 'u3' }), input: [1, 2, 2, 3, 1], expectedOutputShape: [1, 2, 4, 6, 1] });
  });

  it('match PyTorch (nearest = repeat; bilinear = half-pixel, align_corners=False)', async () => {
    const cases = loadCases('reshaping');
    expect(cases.length).toBe(5);
    for (const c of cases) await checkTorchCase(c, factories[c.layer]!);
  });

  it('repeats each cell (hand values) and passes gradients back summed', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1], [2]], [[3], [4]]], [1, 2, 2, 1]);
    const up = L.upSampling2d({ size: [1, 2] });
    expect(up.apply(x).reshape([2, 4]).arraySync()).toEqual([[1, 1, 2, 2], [3, 3, 4, 4]]);
    const g = tsr.grad((t: tsr.Tensor) => tsr.sum(tsr.mul(up.apply(t), tsr.arange(8).reshape([1, 2, 4, 1]))))(x);
    expect(g.reshape([4]).arraySync()).toEqual([0 + 1, 2 + 3, 4 + 5, 6 + 7]);
  });

  it('stores Keras config keys', () => {
    expect(L.upSampling1d().getConfig()).toMatchObject({ size: 2 });
    expect(L.upSampling2d({ size: 3 }).getConfig()).toMatchObject({ size: [3, 3], dataFormat: 'channels_last', interpolation: 'nearest' });
    expect(L.upSampling3d().getConfig()).toMatchObject({ size: [2, 2, 2], dataFormat: 'channels_last' });
  });

  it('rejects bad arguments with what it received', () => {
    expect(() => L.upSampling1d({ size: 0 })).toThrow('upSampling1d: size must be an integer ≥ 1. Received: size=0');
    expect(() => L.upSampling2d({ size: [2] })).toThrow('upSampling2d: size must be an integer ≥ 1 or a list of 2 such integers. Received: size=[2]');
    expect(() => L.upSampling2d({ interpolation: 'bicubic' as 'bilinear' })).toThrow(`upSampling2d: interpolation must be 'nearest' or 'bilinear'. Received: interpolation="bicubic"`);
    expect(() => L.upSampling3d({ name: 'u' }).apply(tsr.zeros([1, 2, 2, 1]))).toThrow('u: expected an input of rank 5');
  });
});
