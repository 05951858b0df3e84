import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as norm from '../../../src/layers/normalization/index.js';
import { expectClose, fixture, toTensor } from './fixtures.js';

describe('rmsNormalization', () => {
  it('passes the layer test (last axis, two axes)', async () => {
    await runLayerTest({
      make: () => norm.rmsNormalization({ name: 'rms' }),
      input: [3, 4], expectedOutputShape: [3, 4], expectedWeightShapes: [[4]],
    });
    await runLayerTest({
      make: () => norm.rmsNormalization({ axis: [1, 2], epsilon: 1e-3, name: 'rms2' }),
      input: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [[3, 4]],
    });
  });

  it('equals x · rsqrt(mean(x²) + epsilon) · scale computed with PyTorch', () => {
    tsr.setBackend('reference');
    for (const name of ['rms_last', 'rms_two_axes']) {
      const c = fixture(name);
      const layer = norm.rmsNormalization(c.args as norm.RMSNormalizationArgs);
      const x = toTensor(c.input);
      layer.apply(x);
      expect(layer.scale!.dataSync()).toEqual(new Float32Array(layer.scale!.size).fill(1));
      layer.setWeights(c.weights.map(toTensor));
      expectClose(layer.apply(x), c['output']!, 1e-4, name);
    }
  });

  it('rejects bad arguments with the value received', () => {
    expect(() => norm.rmsNormalization({ epsilon: -1 })).toThrow('epsilon must be a finite number ≥ 0. Received: epsilon=-1');
    expect(() => norm.rmsNormalization({ axis: 1.5 })).toThrow('axis must be an integer or a list of distinct integers. Received: axis=1.5');
  });
});

describe('unitNormalization', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => norm.unitNormalization({ name: 'un' }), input: [3, 4], expectedOutputShape: [3, 4], expectedWeightShapes: [] });
  });

  it('equals torch.nn.functional.normalize and keeps zero vectors at 0', () => {
    tsr.setBackend('reference');
    const c = fixture('unit_last');
    expectClose(norm.unitNormalization().apply(toTensor(c.input)), c['output']!, 1e-5);
    expect(norm.unitNormalization().apply(tsr.tensor([[0, 0], [3, 4]])).arraySync()).toEqual([[0, 0], [0.6000000238418579, 0.800000011920929]]);
  });
});
