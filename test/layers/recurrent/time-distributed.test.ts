import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor } from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as rec from '../../../src/layers/recurrent/index.js';
import { values } from './fixtures.js';

describe('timeDistributed', () => {
  it('passes the layer test (dense on [b, t, f]; conv on [b, t, h, w, c])', async () => {
    await runLayerTest({
      make: () => rec.timeDistributed({ layer: tsr.layers.dense({ units: 3, activation: 'relu' }), name: 't' }),
      input: [2, 4, 5], expectedOutputShape: [2, 4, 3], expectedWeightShapes: [[5, 3], [3]],
    });
    await runLayerTest({
      make: () => rec.timeDistributed({ layer: tsr.layers.conv2d({ filters: 2, kernelSize: 2 }), name: 't2' }),
      input: [2, 3, 4, 4, 1], expectedOutputShape: [2, 3, 3, 3, 2], expectedWeightShapes: [[2, 2, 1, 2], [2]],
    });
  });

  it('applies the same layer to every step (equals the layer on each slice)', () => {
    tsr.setBackend('reference');
    const x = tsr.randomNormal([2, 3, 4], { key: tsr.randomKey(1) });
    const dense = tsr.layers.dense({ units: 2 });
    const td = rec.timeDistributed({ layer: dense });
    const y = td.apply(x);
    expect(y.shape).toEqual([2, 3, 2]);
    const perStep = tsr.stack(tsr.unstack(x, 1).map((s) => dense.apply(s)), 1);
    values(y).forEach((v, i) => expect(v).toBeCloseTo(values(perStep)[i]!, 6));
    expect(td.weights).toEqual(dense.weights);
  });

  it('passes the input mask through; infers shapes with unknown time', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 2], [0, 0]]]);
    const y = rec.timeDistributed({ layer: tsr.layers.dense({ units: 1 }) }).apply(tsr.layers.masking().apply(x));
    expect(values(tsr.layers.getMask(y) as Tensor)).toEqual([1, 0]);
    const inp = tsr.layers.input({ shape: [null, 6] });
    expect(rec.timeDistributed({ layer: tsr.layers.dense({ units: 2 }) }).apply(inp).shape).toEqual([null, null, 2]);
  });

  it('round-trips its config with the wrapped layer and rejects bad inputs', () => {
    const td = rec.timeDistributed({ layer: tsr.layers.dense({ units: 2, name: 'inner' }), name: 'td' });
    const json = JSON.parse(JSON.stringify(td.toJSON()));
    expect(json.config.layer).toMatchObject({ className: 'Dense', config: { name: 'inner', units: 2 } });
    expect((tsr.deserialize('layer', json) as rec.TimeDistributed).getConfig()).toEqual(td.getConfig());
    expect(() => td.apply(tsr.zeros([2, 3]))).toThrow('expected inputs [batch, time, ...] (rank ≥ 3). Received: input shape [2,3]');
    expect(() => rec.timeDistributed({ layer: 3 as unknown as tsr.layers.Layer })).toThrow('layer must be a Layer or its {className, config}. Received: number');
  });
});
