import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as norm from '../../../src/layers/normalization/index.js';
import { expectClose, fixture, toTensor } from './fixtures.js';

describe('groupNormalization', () => {
  it('passes the layer test (sequence and image inputs, channels first, instance norm)', async () => {
    await runLayerTest({
      make: () => norm.groupNormalization({ groups: 2, name: 'gn' }),
      input: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeightShapes: [[4], [4]],
    });
    await runLayerTest({
      make: () => norm.groupNormalization({ groups: 3, axis: 1, betaRegularizer: 'l1', name: 'gn2' }),
      input: [2, 6, 2, 2], expectedOutputShape: [2, 6, 2, 2], expectedWeightShapes: [[6], [6]],
    });
    await runLayerTest({
      make: () => norm.groupNormalization({ groups: -1, center: false, name: 'gn3' }),
      input: [2, 5, 3], expectedOutputShape: [2, 5, 3], expectedWeightShapes: [[3]],
    });
  });

  it('equals torch.nn.functional.group_norm (channels last, 3D and 4D, groups -1)', () => {
    tsr.setBackend('reference');
    for (const name of ['gn_3d', 'gn_4d', 'gn_instance']) {
      const c = fixture(name);
      const layer = norm.groupNormalization(c.args as norm.GroupNormalizationArgs);
      const x = toTensor(c.input);
      layer.apply(x);
      layer.setWeights(c.weights.map(toTensor));
      expectClose(layer.apply(x), c['output']!, 1e-4, name);
    }
  });

  it('with one group per sample equals layer normalization over every non-batch axis', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[[1, 2], [3, 6]], [[0, 0], [1, -1]]]);
    const g = norm.groupNormalization({ groups: 1 }).apply(x).dataSync();
    const l = norm.layerNormalization({ axis: [1, 2] }).apply(x).dataSync();
    g.forEach((v, i) => expect(Number(v)).toBeCloseTo(Number(l[i]), 6));
  });

  it('rejects bad arguments and inputs with the value received', () => {
    expect(() => norm.groupNormalization({ groups: 0 })).toThrow('groups must be a positive integer (or -1 for instance normalization). Received: groups=0');
    expect(() => norm.groupNormalization({ groups: 4 }).apply(tsr.zeros([2, 6]))).toThrow('the number of channels must be a multiple of groups (4). Received: 6 channels');
    expect(() => norm.groupNormalization().apply(tsr.zeros([2, 6]))).toThrow('groups (32) cannot be more than the number of channels. Received: 6 channels');
    const gn = norm.groupNormalization({ groups: 2 });
    gn.apply(tsr.zeros([2, 4]));
    expect(() => gn.apply(tsr.zeros([2, 6]))).toThrow('expected inputs with 4 channels on axis 1. Received: shape [2,6]');
  });
});
