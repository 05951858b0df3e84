import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as norm from '../../../src/layers/normalization/index.js';
import { expectClose, fixture, toTensor } from './fixtures.js';

describe('layerNormalization', () => {
  it('passes the layer test (last axis, two axes, no center/scale)', async () => {
    await runLayerTest({
      make: () => norm.layerNormalization({ name: 'ln', gammaRegularizer: 'l2' }),
      input: [3, 4], expectedOutputShape: [3, 4], expectedWeightShapes: [[4], [4]],
    });
    await runLayerTest({
      make: () => norm.layerNormalization({ axis: [-2, -1], epsilon: 1e-5, name: 'ln2' }),
      input: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [[3, 4], [3, 4]],
    });
    await runLayerTest({
      make: () => norm.layerNormalization({ center: false, scale: false, name: 'ln3' }),
      input: [2, 5], expectedOutputShape: [2, 5], expectedWeightShapes: [],
    });
  });

  it('equals torch.nn.functional.layer_norm', () => {
    tsr.setBackend('reference');
    for (const name of ['ln_last', 'ln_two_axes']) {
      const c = fixture(name);
      const layer = norm.layerNormalization(c.args as norm.LayerNormalizationArgs);
      const x = toTensor(c.input);
      layer.apply(x);
      layer.setWeights(c.weights.map(toTensor));
      expectClose(layer.apply(x), c['output']!, 1e-4, name);
    }
  });

  it('normalizes each sample to mean 0 and variance 1 (hand values) and passes masks on', () => {
    tsr.setBackend('reference');
    const layer = norm.layerNormalization();
    const mask = tsr.tensor([[1, 0]], [1, 2], 'bool');
    const y = layer.apply(tsr.tensor([[[1, 3], [2, 2]]]), { mask });
    // Row [1, 3]: mean 2, variance 1 → ±1/sqrt(1 + 1e-3); a constant row → 0.
    const v = 1 / Math.sqrt(1.001);
    const got = (y.arraySync() as number[][][])[0]!;
    [[-v, v], [0, 0]].forEach((row, i) => row.forEach((want, j) => expect(got[i]![j]).toBeCloseTo(want, 6)));
    expect(tsr.layers.getMask(y)).toBe(mask);
  });

  it('rejects bad arguments and inputs with the value received', () => {
    expect(() => norm.layerNormalization({ axis: [1, 1] })).toThrow('axis must be an integer or a list of distinct integers. Received: axis=[1,1]');
    expect(() => norm.layerNormalization({ epsilon: Number.NaN })).toThrow('epsilon must be a finite number ≥ 0. Received: epsilon=NaN');
    expect(() => norm.layerNormalization({ axis: 0 }).apply(tsr.zeros([2, 3]))).toThrow('cannot normalize along the batch axis 0. Received: axis=0');
    const ln = norm.layerNormalization();
    ln.apply(tsr.zeros([2, 3]));
    expect(() => ln.apply(tsr.zeros([2, 4]))).toThrow('expected inputs of the shape the layer was built for on axes [1]. Received: shape [2,4]');
  });
});
