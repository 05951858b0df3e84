import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/merging/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { expectClose } from '../../helpers/test-op.js';
import { run, t } from './merge-helpers.js';

interface DotCase { axes: [number, number]; normalize: boolean; x: number[]; y: number[]; out: number[] }
const cases = JSON.parse(readFileSync(new URL('../../fixtures/layers/merging/merging.json', import.meta.url), 'utf8')) as DotCase[];
const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

describe('dot', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.dot({ axes: 2, name: 'dt' }), input: [[2, 3, 4], [2, 5, 4]], expectedOutputShape: [2, 3, 5], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.dot({ axes: [1, 1], normalize: true, name: 'cos' }), input: [[2, 4], [2, 4]], expectedOutputShape: [2, 1] });
  });

  it('matches PyTorch einsum on batch_dot shapes (ranks 2–4, normalize)', () => {
    tsr.setBackend('reference');
    expect(cases.length).toBe(8);
    for (const c of cases) {
      const out = L.dot({ axes: c.axes, normalize: c.normalize }).apply([tsr.tensor(c.x as never), tsr.tensor(c.y as never)]) as tsr.Tensor;
      expect(out.arraySync() instanceof Array && out.shape).toEqual(tsr.tensor(c.out as never).shape);
      expectClose(out.dataSync(), flat(c.out), 1e-5, 1e-4, `dot axes=${JSON.stringify(c.axes)}`);
    }
  });

  it('computes hand values: [B, n]·[B, n] → [B, 1], negative axes, cosine', () => {
    expect(run(L.dot({ axes: 1 }), [t([[1, 2], [3, 4]]), t([[3, -1], [1, 1]])]).value).toEqual([[1], [7]]);
    expect(run(L.dot({ axes: -1 }), [t([[1, 2]]), t([[3, 4]])]).value).toEqual([[11]]);
    const cos = run(L.dot({ axes: 1, normalize: true }), [t([[1, 2], [1, 0]]), t([[2, 4], [0, 3]])]).value as number[][];
    expect(cos[0]![0]).toBeCloseTo(1, 6);
    expect(cos[1]![0]).toBeCloseTo(0, 6);
    // Symbolic shapes: Keras's output shape rule.
    const a = tsr.layers.input({ shape: [3, 4] }), b = tsr.layers.input({ shape: [5, 4] });
    expect((L.dot({ axes: [2, 2] }).apply([a, b]) as tsr.layers.SymbolicTensor).shape).toEqual([null, 3, 5]);
    expect(L.dot({ axes: 2 }).getConfig()).toMatchObject({ axes: 2, normalize: false });
  });

  it('gives no mask and rejects bad axes and shapes', () => {
    const x = tsr.ones([1, 3, 2]);
    expect(run(L.dot({ axes: 2 }), [x, x], [tsr.tensor([[true, true, false]]), tsr.tensor([[true, true, true]])]).mask).toBeNull();
    expect(() => L.dot({ axes: [1] as unknown as [number, number] })).toThrow('dot: axes must be an integer or a list of two integers. Received: axes=[1]');
    expect(() => L.dot({ axes: 1, name: 'd0' }).apply([tsr.ones([2, 3]), tsr.ones([2, 4])])).toThrow('d0: contracted axes differ in size: 3 (axis 1) vs 4 (axis 1). Received: shapes [2,3] and [2,4]');
    expect(() => L.dot({ axes: 0, name: 'd1' }).apply([tsr.ones([2, 3]), tsr.ones([2, 3])])).toThrow(/d1: axes must name a non-batch axis of each input/);
    expect(() => L.dot({ axes: 1, name: 'd2' }).apply([tsr.ones([2, 3]), tsr.ones([2, 3]), tsr.ones([2, 3])])).toThrow('d2: is called on a list of exactly 2 tensors. Received: 3 tensors');
  });
});
