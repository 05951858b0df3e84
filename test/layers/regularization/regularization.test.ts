import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

const L = tsr.layers;

describe('regularization layers', () => {
  it('pass the layer test', async () => {
    await runLayerTest({ make: () => L.dropout({ rate: 0.3, name: 'd' }), input: [4, 6], expectedOutputShape: [4, 6] });
    await runLayerTest({ make: () => L.spatialDropout2d({ rate: 0.5, name: 'sd' }), input: [2, 3, 3, 4], expectedOutputShape: [2, 3, 3, 4] });
    await runLayerTest({ make: () => L.gaussianNoise({ stddev: 0.1, name: 'gn' }), input: [2, 3], expectedOutputShape: [2, 3] });
    await runLayerTest({ make: () => L.gaussianDropout({ rate: 0.2, name: 'gd' }), input: [2, 3], expectedOutputShape: [2, 3] });
    await runLayerTest({ make: () => L.activityRegularization({ l1: 0.1, name: 'ar' }), input: [2, 3], expectedOutputShape: [2, 3] });
  });

  it('dropout scales kept values by 1/(1−rate), drops about `rate`, and is the identity at inference', () => {
    tsr.setBackend('reference');
    tsr.setSeed(0);
    const x = tsr.ones([100, 100]);
    const d = L.dropout({ rate: 0.25 });
    const y = Array.from(d.apply(x, { training: true }).dataSync() as Float32Array);
    const zeros = y.filter((v) => v === 0).length / y.length;
    expect(zeros).toBeGreaterThan(0.23);
    expect(zeros).toBeLessThan(0.27);
    for (const v of y) expect(v === 0 || Math.abs(v - 4 / 3) < 1e-6).toBe(true);
    expect(Array.from(d.apply(x).dataSync() as Float32Array).every((v) => v === 1)).toBe(true);
  });

  it('spatial dropout drops whole channels', () => {
    tsr.setBackend('reference');
    tsr.setSeed(1);
    const y = L.spatialDropout1d({ rate: 0.5 }).apply(tsr.ones([4, 10, 8]), { training: true }).arraySync() as number[][][];
    for (const sample of y) for (let c = 0; c < 8; c++) expect(new Set(sample.map((step) => step[c])).size).toBe(1);
  });

  it('activity regularization adds l1·Σ|x| / batch to the training loss', async () => {
    tsr.setBackend('reference');
    const m = tsr.sequential([L.activityRegularization({ l1: 0.5, inputShape: [2] }), L.dense({ units: 1, kernelInitializer: 'zeros' })]);
    m.compile({ optimizer: tsr.optimizers.sgd({ learningRate: 0 }), loss: 'mse' });
    const [loss] = await m.testOnBatch(tsr.tensor([[1, -2], [3, 0]]), tsr.zeros([2, 1]));
    expect(loss).toBeCloseTo(0.5 * 6 / 2, 5);
  });
});
