import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/regularization/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

/** For every sample and channel of a channels-last output: the set of values over all positions. */
function valuesPerChannel(y: tsr.Tensor): Set<number>[] {
  const channels = y.shape[y.rank - 1]!;
  const perSample = y.size / y.shape[0]!;
  const data = y.dataSync() as Float32Array;
  const sets: Set<number>[] = [];
  for (let b = 0; b < y.shape[0]!; b++) {
    for (let c = 0; c < channels; c++) {
      const s = new Set<number>();
      for (let i = c; i < perSample; i += channels) s.add(data[b * perSample + i]!);
      sets.push(s);
    }
  }
  return sets;
}

describe('spatialDropout1d / 2d / 3d', () => {
  it('pass the layer test', async () => {
    await runLayerTest({ make: () => L.spatialDropout1d({ rate: 0.5, name: 'sd1' }), input: [2, 5, 3], expectedOutputShape: [2, 5, 3], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.spatialDropout2d({ rate: 0.5, seed: 1, name: 'sd2' }), input: [2, 3, 3, 4], expectedOutputShape: [2, 3, 3, 4] });
    await runLayerTest({ make: () => L.spatialDropout3d({ rate: 0.2, name: 'sd3' }), input: [1, 2, 2, 2, 3], expectedOutputShape: [1, 2, 2, 2, 3] });
  });

  it('drop whole channels: one value per sample and channel, 0 or 1/(1 − rate)', () => {
    tsr.setBackend('reference');
    tsr.setSeed(1);
    const cases: [tsr.layers.Layer, number[]][] = [
      [L.spatialDropout1d({ rate: 0.5 }), [20, 10, 8]],
      [L.spatialDropout2d({ rate: 0.5 }), [20, 3, 4, 8]],
      [L.spatialDropout3d({ rate: 0.5 }), [20, 2, 3, 2, 8]],
    ];
    for (const [layer, shape] of cases) {
      const sets = valuesPerChannel(layer.apply(tsr.ones(shape), { training: true }));
      for (const s of sets) {
        expect(s.size).toBe(1);
        expect([0, 2]).toContain([...s][0]);
      }
      const dropped = sets.filter((s) => s.has(0)).length / sets.length;
      expect(dropped).toBeGreaterThan(0.35);
      expect(dropped).toBeLessThan(0.65);
      const x = tsr.ones(shape);
      expect(layer.apply(x)).toBe(x);
    }
  });

  it('keep Keras config keys and reject inputs of the wrong rank', () => {
    expect(L.spatialDropout1d({ rate: 0.5 }).getConfig()).not.toHaveProperty('noiseShape');
    expect(L.spatialDropout2d({ rate: 0.5, seed: 2 }).getConfig()).toMatchObject({ rate: 0.5, seed: 2, dataFormat: 'channels_last' });
    expect(L.spatialDropout3d({ rate: 0.5 }).getConfig()).toMatchObject({ dataFormat: 'channels_last' });
    expect(() => L.spatialDropout2d({ rate: 0.5, dataFormat: 'channels_first' })).toThrow(/spatialDropout2d: only dataFormat 'channels_last' is supported/);
    expect(() => L.spatialDropout2d({ rate: 1.5 })).toThrow('spatialDropout2d: rate must be a number in [0, 1). Received: rate=1.5');
    expect(() => L.spatialDropout2d({ rate: 0.5, name: 'sp' }).apply(tsr.ones([2, 3, 4]), { training: true }))
      .toThrow('sp: expects inputs of rank 4 [batch, 2 spatial axes, channels]. Received: input shape [2,3,4]');
  });
});
