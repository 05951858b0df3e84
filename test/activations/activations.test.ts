import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { activationName, getActivation, registerActivation } from '../../src/activations/index.js';
import { expectClose } from '../helpers/test-op.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/activations/activations.json', import.meta.url), 'utf8')) as {
  x: number[][];
  outputs: Record<string, number[][]>;
};

const apply = (name: string, values: number[]): number[] => {
  tsr.setBackend('reference');
  return Array.from(getActivation(name)(tsr.tensor([values])).dataSync() as Float32Array);
};

describe('activations by name', () => {
  it('compute hand values for the common ones', () => {
    const x = [-2, -0.5, 0, 1, 3];
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    const close = (got: number[], want: number[]): void => expectClose(got, want, 1e-6, 1e-5, 'activation');
    close(apply('relu', x), [0, 0, 0, 1, 3]);
    close(apply('sigmoid', x), x.map(sig));
    close(apply('tanh', x), x.map(Math.tanh));
    const e = x.map(Math.exp), total = e.reduce((a, b) => a + b, 0);
    close(apply('softmax', x), e.map((v) => v / total));
    // gelu is the exact (erf) form by default: x·Φ(x); Φ(1) = 0.8413447460685429, Φ(−2) = 0.0227501319481792.
    close(apply('gelu', [-2, 0, 1]), [-2 * 0.0227501319481792, 0, 0.8413447460685429]);
    close(apply('elu', x), x.map((v) => (v > 0 ? v : Math.exp(v) - 1)));
    const [alpha, scale] = [1.6732632423543772, 1.0507009873554805];
    close(apply('selu', x), x.map((v) => scale * (v > 0 ? v : alpha * (Math.exp(v) - 1))));
    close(apply('swish', x), x.map((v) => v * sig(v)));
    // Keras's leaky_relu function has slope 0.2 (the LeakyReLU layer's default is 0.3).
    close(apply('leaky_relu', x), x.map((v) => (v > 0 ? v : 0.2 * v)));
  });

  it('match PyTorch for every registered name', () => {
    const flatX = fixture.x.flat();
    for (const [name, want] of Object.entries(fixture.outputs)) {
      tsr.setBackend('reference');
      const got = getActivation(name)(tsr.tensor(fixture.x)).dataSync() as Float32Array;
      expectClose(got, want.flat(), 1e-5, 1e-5, `${name}(${flatX.join(',')})`);
    }
  });

  it('accept Keras and camelCase spellings and store the Keras name', () => {
    expect(getActivation('leakyRelu')).toBe(getActivation('leaky_relu'));
    expect(getActivation('LeakyReLU')).toBe(getActivation('leaky_relu'));
    expect(activationName('logSoftmax', 'layer')).toBe('log_softmax');
    expect(activationName('silu', 'layer')).toBe('swish');
    expect(activationName(null, 'layer')).toBe('linear');
    expect(getActivation(undefined)(tsr.tensor([-1]))).toBeInstanceOf(tsr.Tensor);
  });

  it('save registered functions by name and refuse unknown names and unregistered functions', () => {
    const twice = (t: tsr.Tensor): tsr.Tensor => tsr.mul(t, 2);
    registerActivation('twice_for_test', twice);
    expect(getActivation('twice_for_test')).toBe(twice);
    expect(activationName(twice, 'layer')).toBe('twice_for_test');
    expect(() => getActivation('nope')).toThrow(/getActivation: unknown activation 'nope' \(known: .*relu/);
    expect(() => activationName((t: tsr.Tensor) => t, 'my_dense')).toThrow('my_dense: a custom activation function cannot be saved in a config; register it with registerActivation(name, fn). Received: a function');
  });
});
