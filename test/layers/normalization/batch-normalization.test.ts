import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { withVariableValues } from '../../../src/autograd/variable-scope.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as norm from '../../../src/layers/normalization/index.js';
import { expectClose, fixture, toTensor } from './fixtures.js';
import '../../../src/backends/onnxruntime/node.js';

/** A layer built for the case and holding its weights [gamma, beta, movingMean, movingVariance]. */
function layerFor(name: string): { layer: norm.BatchNormalization; x: tsr.Tensor } {
  tsr.setBackend('reference');
  const c = fixture(name);
  const layer = norm.batchNormalization(c.args as norm.BatchNormalizationArgs);
  const x = toTensor(c.input);
  layer.apply(x);
  layer.setWeights(c.weights.map(toTensor));
  return { layer, x };
}

describe('batchNormalization', () => {
  it('passes the layer test (features last, channels first, no scale/center)', async () => {
    await runLayerTest({
      make: () => norm.batchNormalization({ name: 'bn', gammaRegularizer: 'l2', betaConstraint: 'maxNorm' }),
      input: [4, 3], expectedOutputShape: [4, 3], expectedWeightShapes: [[3], [3], [3], [3]], expectedTrainableCount: 2,
    });
    await runLayerTest({
      make: () => norm.batchNormalization({ axis: 1, momentum: 0.9, epsilon: 1e-2, name: 'bn2' }),
      input: [2, 3, 4, 2], expectedOutputShape: [2, 3, 4, 2], expectedWeightShapes: [[3], [3], [3], [3]],
    });
    await runLayerTest({
      make: () => norm.batchNormalization({ center: false, scale: false, name: 'bn3' }),
      input: [3, 2, 4], expectedOutputShape: [3, 2, 4], expectedWeightShapes: [[4], [4]], expectedTrainableCount: 0,
    });
  });

  it('trains on batch statistics and moves the moving ones as Keras (PyTorch values)', () => {
    for (const name of ['bn_3d', 'bn_channels_first']) {
      const c = fixture(name);
      const { layer, x } = layerFor(name);
      expectClose(layer.apply(x, { training: true }), c['trainOutput']!, 1e-4, `${name} training output`);
      expectClose(layer.movingMean!, c['movingMean']!, 1e-5, `${name} moving mean`);
      expectClose(layer.movingVariance!, c['movingVariance']!, 1e-5, `${name} moving variance (biased)`);
    }
  });

  it('computes the same training step on ONNX Runtime', async () => {
    const c = fixture('bn_mask');
    const { layer, x } = layerFor('bn_mask');
    tsr.setBackend('onnxruntime');
    try {
      const y = layer.apply(x, { training: true, mask: tsr.cast(toTensor(c.mask!), 'bool') });
      const [out, mm, mv] = await Promise.all([y.data(), layer.movingMean!.data(), layer.movingVariance!.data()]);
      expectClose(tsr.tensor([...out].map(Number), y.shape), c['trainOutput']!, 1e-4, 'onnxruntime output');
      expectClose(tsr.tensor([...mm].map(Number), [2]), c['movingMean']!, 1e-5, 'onnxruntime moving mean');
      expectClose(tsr.tensor([...mv].map(Number), [2]), c['movingVariance']!, 1e-5, 'onnxruntime moving variance');
    } finally {
      tsr.setBackend('reference');
    }
  });

  it('uses the moving statistics in inference', () => {
    const c = fixture('bn_3d');
    const { layer, x } = layerFor('bn_3d');
    expectClose(layer.apply(x), c['inferOutput']!, 1e-4, 'inference output');
    expectClose(layer.movingMean!, c.weights[2]!, 1e-7, 'moving mean unchanged');
  });

  it('takes statistics over the unmasked steps only and passes the mask on', () => {
    const c = fixture('bn_mask');
    const { layer, x } = layerFor('bn_mask');
    const mask = tsr.cast(toTensor(c.mask!), 'bool');
    const y = layer.apply(x, { training: true, mask });
    expectClose(y, c['trainOutput']!, 1e-4, 'masked training output');
    expectClose(layer.movingMean!, c['movingMean']!, 1e-5, 'masked moving mean');
    expectClose(layer.movingVariance!, c['movingVariance']!, 1e-5, 'masked moving variance');
    expect(tsr.layers.getMask(y)).toBe(mask);
  });

  it('records the moving-statistics update inside a stateless scope instead of applying it', () => {
    const c = fixture('bn_3d');
    const { layer, x } = layerFor('bn_3d');
    const values = new Map(layer.weights.map((w) => [w, w.value]));
    const { assigned } = withVariableValues(values, () => layer.apply(x, { training: true }));
    expect([...assigned.keys()]).toEqual([layer.movingMean, layer.movingVariance]);
    expectClose(assigned.get(layer.movingVariance!)!, c['movingVariance']!, 1e-5, 'recorded moving variance');
    expectClose(layer.movingMean!, c.weights[2]!, 1e-7, 'moving mean not yet changed');
  });

  it('stays in inference mode when not trainable (Keras 3)', () => {
    const c = fixture('bn_3d');
    const { layer, x } = layerFor('bn_3d');
    layer.trainable = false;
    expectClose(layer.apply(x, { training: true }), c['inferOutput']!, 1e-4, 'frozen output');
    expectClose(layer.movingMean!, c.weights[2]!, 1e-7, 'moving mean unchanged');
    expect(layer.trainableWeights).toEqual([]);
  });

  it('updates the moving statistics through a compiled fit step', async () => {
    tsr.setBackend('reference');
    const bn = norm.batchNormalization({ momentum: 0.9, inputShape: [2] });
    const model = tsr.sequential([bn, tsr.layers.dense({ units: 1 })]);
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tsr.tensor([[1, 10], [3, 20], [5, 60], [7, 30]]);
    await model.fit(x, tsr.zeros([4, 1]), { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
    // mean [4, 30], biased variance [5, 350]: moving = 0.9·init + 0.1·batch.
    expectClose(bn.movingMean!, { shape: [2], data: [0.4, 3] }, 1e-5, 'moving mean after fit');
    expectClose(bn.movingVariance!, { shape: [2], data: [0.9 + 0.5, 0.9 + 35] }, 1e-4, 'moving variance after fit');
  });

  it('rejects bad arguments and inputs with the value received', () => {
    expect(() => norm.batchNormalization({ momentum: 1.5 })).toThrow('momentum must be a number in [0, 1]. Received: momentum=1.5');
    expect(() => norm.batchNormalization({ epsilon: -1 })).toThrow('epsilon must be a finite number ≥ 0. Received: epsilon=-1');
    expect(() => norm.batchNormalization({ axis: [1, 2] as unknown as number })).toThrow('axis must be an integer. Received: axis=[1,2]');
    const bn = norm.batchNormalization({ axis: 3 });
    expect(() => bn.apply(tsr.zeros([2, 3]))).toThrow('axis 3 is out of bounds for inputs of rank 2. Received: input shape [2,3]');
    const b2 = norm.batchNormalization();
    b2.apply(tsr.zeros([2, 3]));
    expect(() => b2.apply(tsr.zeros([2, 4]))).toThrow('expected inputs with 3 features on axis 1. Received: shape [2,4]');
    expect(() => norm.batchNormalization().apply(tsr.layers.input({ batchInputShape: [null, null] }))).toThrow('axis 1 of the input must have a known size');
  });
});
