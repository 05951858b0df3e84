import { afterEach, describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import '../../../src/backends/onnxruntime/node.js';
import { deserialize } from '../../../src/io/serialization.js';
import * as act from '../../../src/layers/activation/index.js';
import * as core from '../../../src/layers/core/index.js';
import * as merge from '../../../src/layers/merging/index.js';
import * as reg from '../../../src/layers/regularization/index.js';

afterEach(() => tsr.setBackend('reference'));

describe('merge, activation and regularization layers in a compiled functional model', () => {
  it('learn sum(a) − sum(b) through fit, and round-trip the model config', async () => {
    tsr.setBackend('onnxruntime');
    const a = tsr.randomNormal([256, 4], { key: tsr.randomKey(1) });
    const b = tsr.randomNormal([256, 4], { key: tsr.randomKey(2) });
    const y = tsr.sub(tsr.sum(a, 1, true), tsr.sum(b, 1, true));
    tsr.setSeed(3);
    const ia = tsr.layers.input({ shape: [4] }), ib = tsr.layers.input({ shape: [4] });
    const joined = merge.concatenate().apply([core.dense({ units: 8 }).apply(ia), core.dense({ units: 8 }).apply(ib)]) as tsr.layers.SymbolicTensor;
    const hidden = reg.dropout({ rate: 0.1 }).apply(act.leakyReLU({ negativeSlope: 0.1 }).apply(joined));
    const diff = merge.subtract().apply([core.dense({ units: 1 }).apply(hidden), core.dense({ units: 1 }).apply(ib)]) as tsr.layers.SymbolicTensor;
    const m = tsr.model({ inputs: [ia, ib], outputs: merge.add().apply([diff, core.dense({ units: 1 }).apply(ia)]) });
    m.compile({ optimizer: tsr.optimizers.adam({ learningRate: 0.02 }), loss: 'mse' });
    const h = await m.fit([a, b], y, { epochs: 10, batchSize: 32, verbose: 0 });
    const loss = h.history['loss']!;
    expect(loss[loss.length - 1]!).toBeLessThan(loss[0]! * 0.2);

    // The same graph rebuilt from its JSON config computes the same predictions.
    tsr.setBackend('reference');
    const copy = deserialize<tsr.layers.Layer>('layer', JSON.parse(JSON.stringify(m.toJSON())));
    copy.setWeights(m.getWeights());
    const probe = [tsr.slice(a, [0, 0], [5, -1]), tsr.slice(b, [0, 0], [5, -1])];
    const want = (m.apply(probe) as tsr.Tensor).dataSync();
    const got = (copy.apply(probe) as tsr.Tensor).dataSync();
    Array.from(got as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(Number(want[i]), 5));
  });
});
