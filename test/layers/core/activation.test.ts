import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/core/index.js';
import { registerActivation } from '../../../src/activations/index.js';
import { getMask } from '../../../src/layers/layer.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('activation layer', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.activation({ activation: 'gelu', name: 'a' }), input: [2, 5], expectedOutputShape: [2, 5], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.activation({ activation: 'relu', name: 'r' }), input: { shape: [2, 3, 4], avoid: [0] }, expectedOutputShape: [2, 3, 4] });
  });

  it('applies the named function (hand values)', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[-2, 0, 3]]);
    expect(L.activation({ activation: 'relu' }).apply(x).arraySync()).toEqual([[0, 0, 3]]);
    expect(L.activation({ activation: 'linear' }).apply(x).arraySync()).toEqual([[-2, 0, 3]]);
    const s = Array.from(L.activation({ activation: 'sigmoid' }).apply(x).dataSync() as Float32Array);
    [-2, 0, 3].forEach((v, i) => expect(Number(s[i])).toBeCloseTo(1 / (1 + Math.exp(-v)), 6));
  });

  it('saves the Keras name, also for a registered function, and passes the mask through', () => {
    tsr.setBackend('reference');
    expect(L.activation({ activation: 'leakyRelu' }).getConfig()['activation']).toBe('leaky_relu');
    const cube = (t: tsr.Tensor): tsr.Tensor => tsr.mul(t, tsr.mul(t, t));
    registerActivation('cube_for_test', cube);
    const layer = L.activation({ activation: cube, name: 'cube' });
    const copy = tsr.deserialize<tsr.layers.Layer>('layer', JSON.parse(JSON.stringify(layer.toJSON())));
    expect(copy.apply(tsr.tensor([[2, -1]])).arraySync()).toEqual([[8, -1]]);
    const mask = tsr.tensor([[true, false]]);
    expect(getMask(layer.apply(tsr.ones([1, 2, 3]), { mask }))!.arraySync()).toEqual([[1, 0]]);
  });

  it('rejects unknown names and unsaveable functions', () => {
    expect(() => L.activation({ activation: 'nope' })).toThrow(/unknown activation 'nope'/);
    const layer = L.activation({ activation: (t) => t, name: 'anon' });
    expect(() => layer.getConfig()).toThrow(/anon: a custom activation function cannot be saved/);
  });
});
