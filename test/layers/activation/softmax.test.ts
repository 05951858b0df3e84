import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/activation/index.js';
import * as core from '../../../src/layers/core/index.js';
import '../../../src/backends/onnxruntime/node.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { cases, checkCase } from './torch-cases.js';

describe('softmax layer', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.softmax({ name: 's' }), input: [2, 5], expectedOutputShape: [2, 5], expectedWeightShapes: [] });
    await runLayerTest({ make: () => L.softmax({ axis: [1, 2], name: 's2' }), input: [2, 3, 4], expectedOutputShape: [2, 3, 4] });
  });

  it('matches PyTorch over one axis, several axes, and with a mask', () => {
    const softmaxCases = cases.filter((c) => c.layer === 'softmax');
    expect(softmaxCases.length).toBe(3);
    for (const c of softmaxCases) checkCase(c);
  });

  it('gives masked positions probability 0 (hand values), from kwargs or the input mask', () => {
    tsr.setBackend('reference');
    const x = tsr.tensor([[1, 2, 3]]);
    const viaKwargs = L.softmax().apply(x, { kwargs: { mask: tsr.tensor([[true, true, false]]) } }).dataSync();
    expect(viaKwargs[0]).toBeCloseTo(1 / (1 + Math.E), 6);
    expect(viaKwargs[1]).toBeCloseTo(Math.E / (1 + Math.E), 6);
    expect(viaKwargs[2]).toBe(0);
    // A float mask keeps values > 0.5, and a [1, n] mask broadcasts over the batch.
    const float = L.softmax().apply(tsr.tensor([[0, 0], [5, 1]]), { kwargs: { mask: tsr.tensor([[1, 0]]) } });
    expect(float.arraySync()).toEqual([[1, 0], [1, 0]]);
    // Masking's [batch, time] mask zeroes every class of a padded step.
    const steps = core.masking().apply(tsr.tensor([[[1, 2], [0, 0]]]));
    expect(L.softmax().apply(steps).arraySync()).toEqual([[[expect.closeTo(0.2689414, 6), expect.closeTo(0.7310586, 6)], [0, 0]]]);
  });

  it('computes the masked softmax of a Masking output alike on ONNX Runtime', async () => {
    const x = tsr.tensor([[[1, 2, 0.5], [0, 0, 0], [3, -1, 2]]]);
    const run = (): tsr.Tensor => L.softmax().apply(core.masking().apply(x));
    tsr.setBackend('reference');
    const want = Array.from(run().dataSync() as Float32Array);
    tsr.setBackend('onnxruntime');
    try {
      const got = Array.from((await run().data()) as Float32Array);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
      expect(got.slice(3, 6)).toEqual([0, 0, 0]);
    } finally {
      tsr.setBackend('reference');
    }
  });

  it('rejects bad axes and masks that do not broadcast', () => {
    expect(() => L.softmax({ axis: 0.5 })).toThrow('softmax: axis must be an integer or a non-empty list of integers. Received: axis=0.5');
    expect(() => L.softmax({ name: 'sm' }).apply(tsr.ones([2, 3]), { kwargs: { mask: tsr.ones([2, 2], 'bool') } }))
      .toThrow('sm: the mask must broadcast to the input (each mask dimension 1 or the input\'s, from the right). Received: input shape [2,3], mask shape [2,2]');
    expect(L.softmax({ axis: [1, 2] }).getConfig()).toMatchObject({ axis: [1, 2] });
  });
});
