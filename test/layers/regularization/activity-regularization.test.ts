import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/regularization/index.js';
import { dense } from '../../../src/layers/core/index.js';
import { collectLosses } from '../../../src/layers/layer.js';
import { runLayerTest } from '../../helpers/layer-test.js';

describe('activityRegularization', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.activityRegularization({ l1: 0.1, l2: 0.01, name: 'ar' }), input: [2, 3], expectedOutputShape: [2, 3], expectedWeightShapes: [] });
  });

  it('passes its input and adds (l1·Σ|x| + l2·Σx²) / batch to the losses (hand values)', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[1, -2], [3, 0]]);
    const layer = L.activityRegularization({ l1: 0.5, l2: 0.25 });
    const { result, losses } = collectLosses(() => layer.apply(x, { training: true }));
    expect(result).toBe(x);
    expect(losses.length).toBe(1);
    // l1: 0.5·6 = 3; l2: 0.25·14 = 3.5; over a batch of 2.
    expect(losses[0]!.item()).toBeCloseTo((3 + 3.5) / 2, 5);
  });

  it('adds to the training loss of a model', async () => {
    tsr.setBackend('reference');
    const model = tsr.sequential([L.activityRegularization({ l1: 0.5, inputShape: [2] }), dense({ units: 1, kernelInitializer: 'zeros' })]);
    model.compile({ optimizer: tsr.optimizers.sgd({ learningRate: 0 }), loss: 'mse' });
    const [loss] = await model.testOnBatch(tsr.tensor([[1, -2], [3, 0]]), tsr.zeros([2, 1]));
    expect(loss).toBeCloseTo((0.5 * 6) / 2, 5);
  });

  it('saves l1 and l2 (not an activityRegularizer) and rejects negative factors', () => {
    const config = L.activityRegularization({ l1: 0.1 }).getConfig();
    expect(config).toMatchObject({ l1: 0.1, l2: 0 });
    expect(config).not.toHaveProperty('activityRegularizer');
    expect(() => L.activityRegularization({ l2: -1 })).toThrow('activityRegularization: l2 must be a finite number ≥ 0. Received: l2=-1');
  });
});
