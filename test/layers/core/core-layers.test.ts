import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

const L = tsr.layers;

describe('core layers', () => {
  it('flatten, reshape, permute, repeatVector, activation, identity pass the layer test', async () => {
    await runLayerTest({ make: () => L.flatten({ name: 'f' }), input: [2, 3, 4, 5], expectedOutputShape: [2, 60] });
    await runLayerTest({ make: () => L.reshape({ targetShape: [4, -1], name: 'r' }), input: [2, 3, 4], expectedOutputShape: [2, 4, 3] });
    await runLayerTest({ make: () => L.permute({ dims: [2, 1], name: 'p' }), input: [2, 3, 4], expectedOutputShape: [2, 4, 3] });
    await runLayerTest({ make: () => L.repeatVector({ n: 3, name: 'rv' }), input: [2, 4], expectedOutputShape: [2, 3, 4] });
    await runLayerTest({ make: () => L.activation({ activation: 'gelu', name: 'a' }), input: [2, 5], expectedOutputShape: [2, 5] });
    await runLayerTest({ make: () => L.identity({ name: 'i' }), input: [2, 5], expectedOutputShape: [2, 5] });
  });

  it('computes hand values', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 2], [3, 4], [5, 6]]]);
    expect(L.flatten().apply(x).arraySync()).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(L.permute({ dims: [2, 1] }).apply(x).arraySync()).toEqual([[[1, 3, 5], [2, 4, 6]]]);
    expect(L.reshape({ targetShape: [2, 3] }).apply(x).arraySync()).toEqual([[[1, 2, 3], [4, 5, 6]]]);
    expect(L.repeatVector({ n: 2 }).apply(tsr.tensor([[1, 2]])).arraySync()).toEqual([[[1, 2], [1, 2]]]);
    expect(L.activation({ activation: 'relu' }).apply(tsr.tensor([[-1, 2]])).arraySync()).toEqual([[0, 2]]);
  });

  it('masking marks all-maskValue steps, zeroes them and hands the mask on', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 2], [0, 0], [3, 0]]]);
    const m = L.masking({ maskValue: 0 });
    const y = m.apply(x);
    expect(y.arraySync()).toEqual([[[1, 2], [0, 0], [3, 0]]]);
    expect(L.getMask(y)!.arraySync()).toEqual([[1, 0, 1]]);
    // The mask flows through layers that support masking.
    expect(L.getMask(L.dense({ units: 2 }).apply(y))!.arraySync()).toEqual([[1, 0, 1]]);
  });

  it('lambda saves a registered function by name and refuses unregistered ones', () => {
    tsr.setBackend('reference');
    const double = (t: tsr.Tensor | tsr.Tensor[]): tsr.Tensor => tsr.mul(t as tsr.Tensor, 2);
    const anon = L.lambda({ fn: (t) => t });
    expect(() => anon.getConfig()).toThrow(/registerLambda/);
    L.registerLambda('double', double);
    const l = L.lambda({ fn: double, name: 'dbl' });
    const copy = tsr.deserialize<tsr.Layer>('layer', JSON.parse(JSON.stringify(l.toJSON())));
    expect(copy.apply(tsr.tensor([1, 2])).arraySync()).toEqual([2, 4]);
    expect(() => tsr.deserialize('layer', { className: 'Lambda', config: { function: 'nope' } })).toThrow(/no function registered as 'nope'/);
  });

  it('rejects bad arguments', () => {
    expect(() => L.reshape({ targetShape: [-1, -1] })).toThrow(/at most one −1/);
    expect(() => L.permute({ dims: [1, 3] })).toThrow(/permutation of 1..2/);
    expect(() => L.repeatVector({ n: 0 })).toThrow(/Received: n=0/);
    expect(() => L.activation({ activation: 'nope' })).toThrow(/unknown activation 'nope'/);
  });
});
