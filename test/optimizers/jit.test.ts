/**
 * The functional path traced by `jit` into one ONNX Runtime session: the same numbers as on the
 * reference backend, one compile for all steps although the learning rate changes every step
 * (it is a scalar input, not a constant of the graph).
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/backends/onnxruntime/node.js';
import type { OrtRuntime } from '../../src/backends/onnxruntime/runtime.js';
import { getBackend, setBackend } from '../../src/core/engine.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import { jit } from '../../src/jit/jit.js';
import { adagrad, adam, adamw, rmsprop, sgd, type Optimizer } from '../../src/optimizers/index.js';
import { cosineDecay, exponentialDecay } from '../../src/optimizers/schedules/index.js';
import { expectClose, fixture, float32Atol, runFunctional, scalarTensors } from './helpers.js';

afterEach(() => setBackend('reference'));

const compiles = (): number => (getBackend() as unknown as { runtime: OrtRuntime }).runtime.stats.compiles;

type State = { params: Tensor[]; slots: Tensor[][] };

async function runJitted(opt: Optimizer): Promise<{ params: number[][]; slots: number[][][]; compiled: number }> {
  const step = jit((state: State, grads: Tensor[], scalars: Record<string, Tensor>): State => opt.applyFunctional(state.params, grads, state.slots, scalars));
  setBackend('onnxruntime');
  const before = compiles();
  const params = fixture.params.map((p, i) => tensor(p, fixture.shapes[i]));
  let state: State = { params, slots: params.map((p) => opt.initSlots(p)) };
  for (const gs of fixture.grads) {
    state = await step(state, gs.map((g, i) => tensor(g, fixture.shapes[i])), scalarTensors(opt.hostScalars(opt.iterations + 1)));
    opt.iterations++;
  }
  const read = async (t: Tensor): Promise<number[]> => Array.from((await t.data()) as Float32Array);
  const result = {
    params: await Promise.all(state.params.map(read)),
    slots: await Promise.all(state.slots.map((s) => Promise.all(s.map(read)))),
    compiled: compiles() - before,
  };
  setBackend('reference');
  return result;
}

const cases: [string, () => Optimizer][] = [
  ['sgd nesterov, clipvalue, step-changing rate', () => sgd({ learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.7 }), momentum: 0.9, nesterov: true, clipvalue: 1 })],
  ['adam amsgrad, globalClipnorm, cosine rate', () => adam({ learningRate: cosineDecay({ initialLearningRate: 0.05, decaySteps: 4 }), amsgrad: true, globalClipnorm: 2 })],
  ['adamw', () => adamw({ learningRate: 0.05, weightDecay: 0.1 })],
  ['rmsprop centered with momentum, clipnorm', () => rmsprop({ learningRate: 0.01, momentum: 0.5, centered: true, clipnorm: 1 })],
  ['adagrad', () => adagrad({ learningRate: 0.1 })],
];

describe('optimizers under jit (ONNX Runtime)', () => {
  for (const [name, make] of cases) {
    it(`${name}: the reference backend's numbers, compiled once`, async () => {
      setBackend('reference');
      const expected = runFunctional(make(), fixture.params, fixture.shapes, fixture.grads);
      const got = await runJitted(make());
      expect(got.compiled).toBe(1);
      // ONNX Runtime's float32 kernels round differently from the reference's: 1e-5.
      got.params.forEach((p, i) => expectClose(p, expected.params[i]!, 1e-5, `param ${i}`, float32Atol(expected.params[i]!, 1e-5)));
      got.slots.forEach((s, i) => s.forEach((x, k) => expectClose(x, expected.slots[i]![k]!, 1e-5, `param ${i} slot ${k}`, float32Atol(expected.slots[i]![k]!, 1e-5))));
    });
  }
});
