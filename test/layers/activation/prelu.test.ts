import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/activation/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { cases, checkCase } from './torch-cases.js';

describe('pReLU', () => {
  it('passes the layer test', async () => {
    await runLayerTest({
      make: () => L.pReLU({ alphaInitializer: 'ones', sharedAxes: [1], alphaRegularizer: 'l2', alphaConstraint: 'nonNeg', name: 'p' }),
      input: { shape: [2, 3, 4], avoid: [0] }, expectedOutputShape: [2, 3, 4], expectedWeightShapes: [[1, 4]],
    });
    await runLayerTest({ make: () => L.pReLU({ alphaInitializer: { className: 'Constant', config: { value: 0.25 } }, name: 'p2' }), input: { shape: [2, 5], avoid: [0] }, expectedOutputShape: [2, 5], expectedWeightShapes: [[5]] });
  });

  it('matches PyTorch with a slope per unit and per channel (sharedAxes)', () => {
    const preluCases = cases.filter((c) => c.layer === 'pReLU');
    expect(preluCases.length).toBe(2);
    for (const c of preluCases) checkCase(c);
  });

  it('starts as a ReLU (zeros) and learns the slopes (hand values)', () => {
    tsr.setBackend('reference');
    const layer = L.pReLU({ sharedAxes: 1 });
    const x = tsr.tensor([[[-2, 3], [-4, -1]]]);
    expect(layer.apply(x).arraySync()).toEqual([[[0, 3], [0, 0]]]);
    expect(layer.weights[0]!.shape).toEqual([1, 2]);
    layer.setWeights([tsr.tensor([[0.5, 0.1]])]);
    expect(layer.apply(x).arraySync()).toEqual([[[-1, 3], [-2, expect.closeTo(-0.1, 6)]]]);
    expect(layer.getConfig()).toMatchObject({ sharedAxes: [1], alphaInitializer: { className: 'Zeros' }, alphaRegularizer: null });
  });

  it('rejects bad sharedAxes and unknown unit counts', () => {
    expect(() => L.pReLU({ sharedAxes: [0] })).toThrow('pReLU: sharedAxes must be axes ≥ 1 (1-based, the batch axis excluded). Received: sharedAxes=[0]');
    expect(() => L.pReLU({ sharedAxes: [3], name: 'pr' }).apply(tsr.ones([1, 2, 2]))).toThrow('pr: sharedAxes [3] must be axes of the input. Received: input shape [1,2,2]');
    expect(() => L.pReLU({ name: 'pr2' }).apply(tsr.layers.input({ shape: [null, 3] }))).toThrow('pr2: needs known sizes on the axes not in sharedAxes. Received: input shape [None,None,3]');
  });
});
