import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/core/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';

const one = (x: tsr.Tensor | tsr.Tensor[]): tsr.Tensor => (Array.isArray(x) ? x[0]! : x);
const scaleBy: L.LambdaFn = (x, { arguments: args }) => tsr.mul(one(x), args['factor'] as number);
L.registerLambda('scale_by_for_test', scaleBy);

describe('lambda', () => {
  it('passes the layer test with a registered function', async () => {
    await runLayerTest({ make: () => L.lambda({ fn: scaleBy, arguments: { factor: 3 }, name: 'l' }), input: [2, 4], expectedOutputShape: [2, 4], expectedWeightShapes: [] });
  });

  it('calls the function with its arguments and the training flag, and checks outputShape', () => {
    tsr.setBackend('reference');
    expect(L.lambda({ fn: scaleBy, arguments: { factor: 2 } }).apply(tsr.tensor([[1, 2]])).arraySync()).toEqual([[2, 4]]);
    const seen: boolean[] = [];
    const spy = L.lambda({ fn: (x, { training }) => { seen.push(training); return x; } });
    spy.apply(tsr.ones([1, 2]));
    spy.apply(tsr.ones([1, 2]), { training: true });
    expect(seen).toEqual([false, true]);
    const pair = L.lambda({ fn: (x) => [one(x), one(x)], outputShape: [[3], [3]] }).apply([tsr.ones([2, 3])]) as tsr.Tensor[];
    expect(pair.length).toBe(2);
    const wrong = L.lambda({ fn: (x) => tsr.sum(one(x), -1, true), outputShape: [3], name: 'lam' });
    expect(() => wrong.apply(tsr.ones([2, 3]))).toThrow('lam: the function\'s output does not have outputShape [3] (batch excluded). Received: output shape [2,1]');
  });

  it('saves a registered function by name, and never loads code', () => {
    tsr.setBackend('reference');
    const layer = L.lambda({ fn: scaleBy, outputShape: [null], arguments: { factor: -1 }, name: 'neg' });
    const json = JSON.parse(JSON.stringify(layer.toJSON()));
    expect(json.config).toMatchObject({ function: 'scale_by_for_test', outputShape: [null], arguments: { factor: -1 } });
    const copy = tsr.deserialize<tsr.layers.Layer>('layer', json);
    expect(copy.apply(tsr.tensor([[1, 2]])).arraySync()).toEqual([[-1, -2]]);
    expect(() => tsr.deserialize('layer', { className: 'Lambda', config: { function: 'nope' } }))
      .toThrow(/lambda: no function is registered as 'nope'; call registerLambda\('nope', fn\).*Received: function='nope'/);
    expect(() => L.lambda({ fn: (x) => x, name: 'anon' }).getConfig()).toThrow(/anon: a Lambda layer's function cannot be saved as code; register it/);
  });

  it('rejects bad arguments', () => {
    expect(() => L.lambda({})).toThrow('lambda: give fn (a function of tensors) or the name of a registered function. Received: neither fn nor function');
    expect(() => L.lambda({ fn: scaleBy, outputShape: [-2] })).toThrow(/outputShape must be a sample shape.*Received: outputShape=\[-2\]/);
  });
});
