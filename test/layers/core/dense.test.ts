import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('dense', () => {
  it('passes the layer test (2D and 3D inputs)', async () => {
    await runLayerTest({
      make: () => tsr.layers.dense({ units: 3, activation: 'tanh', kernelRegularizer: 'l2', kernelConstraint: 'maxNorm', name: 'd' }),
      input: [4, 5], expectedOutputShape: [4, 3], expectedWeightShapes: [[5, 3], [3]],
    });
    await runLayerTest({
      make: () => tsr.layers.dense({ units: 2, useBias: false, name: 'd3' }),
      input: [2, 3, 5], expectedOutputShape: [2, 3, 2], expectedWeightShapes: [[5, 2]],
    });
  });

  it('computes x·W + b with the activation (hand values)', () => {
    tsr.setBackend('reference');
    const d = tsr.layers.dense({ units: 2, activation: 'relu' });
    d.apply(tsr.zeros([1, 3]));
    d.setWeights([tsr.tensor([[1, -1], [2, 0], [0, 3]]), tsr.tensor([0.5, -10])]);
    const y = d.apply(tsr.tensor([[1, 2, 3]]));
    expect(y.arraySync()).toEqual([[5.5, 0]]);
  });

  it('rejects bad arguments with the value received', () => {
    expect(() => tsr.layers.dense({ units: 0 })).toThrow('units must be an integer ≥ 1. Received: units=0');
    const d = tsr.layers.dense({ units: 2 });
    d.apply(tsr.zeros([1, 3]));
    expect(() => d.apply(tsr.zeros([1, 4]))).toThrow('expected inputs with last dimension 3. Received: shape [1,4]');
    expect(() => d.setWeights([tsr.zeros([3, 3])])).toThrow(/has 2 weights/);
  });
});
