import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

const L = tsr.layers;

describe('merge layers', () => {
  it('pass the layer test', async () => {
    for (const make of [() => L.add({ name: 'a' }), () => L.subtract({ name: 's' }), () => L.multiply({ name: 'm' }), () => L.average({ name: 'av' }), () => L.maximum({ name: 'mx' }), () => L.minimum({ name: 'mn' })]) {
      await runLayerTest({ make, input: [[2, 3], [2, 3]], expectedOutputShape: [2, 3] });
    }
    await runLayerTest({ make: () => L.concatenate({ name: 'c' }), input: [[2, 3], [2, 4]], expectedOutputShape: [2, 7] });
    await runLayerTest({ make: () => L.dot({ axes: 2, name: 'dt' }), input: [[2, 3, 4], [2, 5, 4]], expectedOutputShape: [2, 3, 5] });
  });

  it('computes hand values', () => {
    tsr.setBackend('reference');
    const a = tsr.tensor([[1, 2]]), b = tsr.tensor([[3, -1]]);
    const v = (l: tsr.Layer): unknown => (l.apply([a, b]) as Tensor).arraySync();
    expect(v(L.add())).toEqual([[4, 1]]);
    expect(v(L.subtract())).toEqual([[-2, 3]]);
    expect(v(L.multiply())).toEqual([[3, -2]]);
    expect(v(L.average())).toEqual([[2, 0.5]]);
    expect(v(L.maximum())).toEqual([[3, 2]]);
    expect(v(L.minimum())).toEqual([[1, -1]]);
    expect(v(L.concatenate())).toEqual([[1, 2, 3, -1]]);
    expect(v(L.dot({ axes: 1 }))).toEqual([[1]]);
    const cos = (L.dot({ axes: 1, normalize: true }).apply([a, tsr.tensor([[2, 4]])]) as Tensor).item();
    expect(cos).toBeCloseTo(1, 6);
  });

  it('combines masks: AND for elementwise merges, joined along the axis for concatenate', () => {
    tsr.setBackend('reference');
    const x = tsr.ones([1, 3, 2]);
    const m1 = tsr.tensor([[true, true, false]]), m2 = tsr.tensor([[true, false, true]]);
    const y = L.add().apply([x, x], { mask: [m1, m2] }) as Tensor;
    expect(L.getMask(y)!.arraySync()).toEqual([[1, 0, 0]]);
    const c = L.concatenate({ axis: 1 }).apply([x, x], { mask: [m1, null] }) as Tensor;
    expect(L.getMask(c)!.arraySync()).toEqual([[1, 1, 0, 1, 1, 1]]);
  });

  it('errors name the layer and what it received', () => {
    expect(() => L.subtract({ name: 'sub' }).apply([tsr.ones([1, 2]), tsr.ones([1, 2]), tsr.ones([1, 2])])).toThrow(/sub: is called on a list of exactly 2 tensors. Received: 3 tensors/);
    expect(() => L.add({ name: 'plus' }).apply(tsr.ones([1, 2]))).toThrow(/Received: one tensor/);
  });
});
