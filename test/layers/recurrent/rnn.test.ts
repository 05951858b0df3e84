import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import type { Tensor, Variable } from '../../../src/index.js';
import type { Config } from '../../../src/io/serialization.js';
import { registerLayer } from '../../../src/layers/registry.js';
import { withVariableValues } from '../../../src/autograd/variable-scope.js';
import type { LayerArgs, ShapeArg } from '../../../src/layers/layer.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import * as rec from '../../../src/layers/recurrent/index.js';
import { timeSteps } from '../../../src/layers/recurrent/rnn.js';
import { expectCase, expectClose, fixture, toTensor, values } from './fixtures.js';

/** A user cell without projectInputs: h = x·W + h₋₁·U (Keras's MinimalRNNCell example). */
class MinimalRNNCell extends rec.RNNCell {
  readonly className = 'MinimalRNNCell';
  readonly units: number;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  constructor(args: LayerArgs & { units: number }) {
    super(args);
    this.units = args.units;
  }
  get stateSize(): number[] {
    return [this.units];
  }
  override build(inputShape: ShapeArg): void {
    const shape = this.stepInputShape(inputShape);
    this.kernel = this.addWeight('kernel', [shape[shape.length - 1] as number, this.units]);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, this.units]);
  }
  step(x: Tensor, states: Tensor[]): rec.StepResult {
    const h = tsr.add(tsr.matmul(x, this.kernel!), tsr.matmul(states[0]!, this.recurrentKernel!));
    return { output: h, states: [h] };
  }
  override getConfig(): Config {
    return { ...super.getConfig(), units: this.units };
  }
}
registerLayer('MinimalRNNCell', MinimalRNNCell);

const seq = (seed: number, shape: number[]): Tensor => tsr.randomNormal(shape, { key: tsr.randomKey(seed) });

describe('rnn (generic layer over a cell)', () => {
  it('passes the layer test with a built-in and a custom cell', async () => {
    await runLayerTest({
      make: () => rec.rnn({ cell: rec.lstmCell({ units: 3, name: 'c' }), returnSequences: true, name: 'r' }),
      input: [2, 4, 2], expectedOutputShape: [2, 4, 3], expectedWeightShapes: [[2, 12], [3, 12], [12]],
    });
    await runLayerTest({
      make: () => rec.rnn({ cell: new MinimalRNNCell({ units: 2, name: 'm' }), returnState: true, name: 'r2' }),
      input: [2, 3, 4], expectedOutputShape: [[2, 2], [2, 2]], expectedWeightShapes: [[4, 2], [2, 2]],
    });
  });

  it('with an LSTM/GRU cell equals PyTorch as the LSTM/GRU layers do', () => {
    const over = (cell: (u: number) => rec.RNNCell) => (args: Record<string, unknown>): rec.RNN => {
      const { units, ...rest } = args;
      return rec.rnn({ cell: cell(units as number), ...rest });
    };
    expectCase('lstm_mask_backwards_initial', over((units) => rec.lstmCell({ units })));
    expectCase('gru_seq_state', over((units) => rec.gruCell({ units })));
  });

  it('runs a custom cell (no input projection) as SimpleRNN computes it', () => {
    tsr.setBackend('reference');
    const x = seq(1, [2, 5, 3]);
    const custom = rec.rnn({ cell: new MinimalRNNCell({ units: 4 }), returnSequences: true, goBackwards: true });
    const simple = rec.simpleRNN({ units: 4, activation: null, useBias: false, returnSequences: true, goBackwards: true });
    custom.apply(x);
    simple.apply(x);
    simple.setWeights(custom.getWeights());
    expect(values(custom.apply(x))).toEqual(values(simple.apply(x)).map((v) => expect.closeTo(v, 6)));
  });

  it('applies a cell alone as one step: [x, ...states] → [output, ...states]', () => {
    tsr.setBackend('reference');
    const c = fixture('lstm_initial_state');
    const cell = rec.lstmCell({ units: 4 });
    const layer = rec.lstm({ units: 4, returnState: true });
    const x = tsr.slice(toTensor(c.input), [0, 0, 0], [-1, 1, -1]);
    const [h0, c0] = c.initialState!.map(toTensor) as [Tensor, Tensor];
    const step = cell.apply([tsr.reshape(x, [2, 3]), h0, c0]) as Tensor[];
    layer.apply(x);
    layer.setWeights(c.weights.map(toTensor));
    cell.setWeights(c.weights.map(toTensor));
    const [out, h, cc] = cell.apply([tsr.reshape(x, [2, 3]), h0, c0]) as [Tensor, Tensor, Tensor];
    const want = layer.apply(x, { kwargs: { initialState: [h0, c0] } }) as unknown as Tensor[];
    expect(step.map((t) => t.shape)).toEqual([[2, 4], [2, 4], [2, 4]]);
    expect(values(out)).toEqual(values(h));
    [out, h, cc].forEach((t, i) => values(t).forEach((v, k) => expect(v).toBeCloseTo(values(want[i]!)[k]!, 6)));
    expect(() => cell.apply([tsr.reshape(x, [2, 3]), h0])).toThrow('a cell is called on [input, ...states] with 2 state(s). Received: 1 state(s)');
  });

  it('takes its mask from a Masking layer and passes it on only with returnSequences', () => {
    tsr.setBackend('reference');
    const c = fixture('lstm_mask');
    // Masking marks the steps whose features are all 0: zero the masked steps of the fixture's input.
    const mask = toTensor(c.mask!);
    const x = tsr.mul(toTensor(c.input), tsr.expandDims(mask, -1));
    const masking = tsr.layers.masking({ maskValue: 0 });
    const layer = rec.lstm({ units: 4, returnSequences: true });
    layer.apply(x);
    layer.setWeights(c.weights.map(toTensor));
    const y = layer.apply(masking.apply(x));
    expectClose(y, c.outputs[0]!, 1e-4, 'masked by Masking');
    expect(tsr.layers.getMask(y)?.shape).toEqual([2, 5]);
    const last = rec.lstm({ units: 2 }).apply(masking.apply(x));
    expect(tsr.layers.getMask(last)).toBeNull();
    const withState = rec.lstm({ units: 2, returnSequences: true, returnState: true }).apply(masking.apply(x)) as unknown as Tensor[];
    expect(withState.map((t) => tsr.layers.getMask(t) !== null)).toEqual([true, false, false]);
    // Symbolic: the mask travels with the symbolic tensor.
    const inp = tsr.layers.input({ shape: [5, 3] });
    const sym = rec.lstm({ units: 2, returnSequences: true }).apply(masking.apply(inp));
    expect(sym.hasMask).toBe(true);
  });

  it('cuts the time steps as a tree, each step equal to a direct slice', () => {
    tsr.setBackend('reference');
    for (const steps of [1, 4, 5, 17]) {
      const x = seq(steps, [2, steps, 3]);
      const got = timeSteps(x);
      expect(got.length).toBe(steps);
      got.forEach((s, t) => expect(values(s)).toEqual(values(tsr.unstack(x, 1)[t]!)));
    }
  });

  it('infers shapes with an unknown number of time steps', () => {
    const inp = tsr.layers.input({ shape: [null, 3] });
    expect(rec.gru({ units: 4, returnSequences: true }).apply(inp).shape).toEqual([null, null, 4]);
    expect(rec.gru({ units: 4 }).apply(inp).shape).toEqual([null, 4]);
  });

  it('carries states between batches when stateful; resetStates zeroes them', () => {
    tsr.setBackend('reference');
    const x = seq(2, [2, 6, 3]);
    const whole = rec.lstm({ units: 3, returnSequences: true });
    const stateful = rec.lstm({ units: 3, returnSequences: true, stateful: true });
    const first = tsr.slice(x, [0, 0, 0], [-1, 3, -1]);
    const second = tsr.slice(x, [0, 3, 0], [-1, 3, -1]);
    stateful.apply(first);
    whole.apply(x);
    whole.setWeights(stateful.getWeights().slice(0, 3));
    expect(stateful.weights.map((w) => [w.name.split('/').pop(), w.trainable])).toEqual([
      ['kernel', true], ['recurrent_kernel', true], ['bias', true], ['state_0', false], ['state_1', false]]);
    stateful.resetStates();
    const a = values(stateful.apply(first));
    const b = values(stateful.apply(second));
    const all = values(whole.apply(x));
    const wantA = all.filter((_, i) => Math.floor(i / 3) % 6 < 3);
    const wantB = all.filter((_, i) => Math.floor(i / 3) % 6 >= 3);
    a.forEach((v, i) => expect(v).toBeCloseTo(wantA[i]!, 5));
    b.forEach((v, i) => expect(v).toBeCloseTo(wantB[i]!, 5));
    stateful.resetStates();
    values(stateful.apply(first)).forEach((v, i) => expect(v).toBeCloseTo(wantA[i]!, 5));
    // Inferring shapes on placeholders leaves the carried states alone.
    const before = values(stateful.states[0]!);
    stateful.apply(tsr.layers.input({ batchInputShape: [2, 3, 3] }));
    expect(values(stateful.states[0]!)).toEqual(before);
    expect(() => stateful.apply(seq(3, [1, 3, 3]))).toThrow('a stateful RNN takes batches of the size it was built for (2). Received: input shape [1,3,3]');
    expect(() => rec.lstm({ units: 2 }).resetStates()).toThrow('the layer is not stateful');
    expect(() => rec.lstm({ units: 2, stateful: true }).apply(tsr.layers.input({ shape: [3, 3] })))
      .toThrow('a stateful RNN needs a fixed batch size');
  });

  it('updates the carried states inside a compiled stateless step (as fit runs the model)', async () => {
    tsr.setBackend('reference');
    const x = seq(7, [2, 4, 3]);
    const layer = rec.gru({ units: 3, stateful: true });
    layer.apply(x);
    layer.resetStates();
    const eager = [values(layer.apply(x)), values(layer.apply(x))];
    layer.resetStates();
    const train = layer.trainableWeights;
    const other = layer.nonTrainableWeights;
    expect(other).toEqual(layer.states);
    // Weights and states are explicit inputs; the assigned states come back as outputs.
    const step = tsr.jit((params: Tensor[], states: Tensor[], input: Tensor) => {
      const values = new Map([...train.map((v, i) => [v, params[i]!] as const), ...other.map((v, i) => [v, states[i]!] as const)]);
      const scoped = withVariableValues(values, () => layer.apply(input) as Tensor);
      return { out: scoped.result, states: other.map((v) => scoped.assigned.get(v)!) };
    });
    tsr.setBackend('onnxruntime');
    try {
      let states = other.map((v) => v.value);
      for (const want of eager) {
        const r = await step(train.map((v) => v.value), states, x);
        values(r.out).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
        states = r.states;
      }
    } finally {
      tsr.setBackend('reference');
    }
  });

  it('compiles the unrolled sequence and its gradient with jit (ONNX Runtime) to the reference values', async () => {
    tsr.setBackend('reference');
    const x = seq(4, [3, 7, 2]);
    const layer = rec.gru({ units: 5, returnSequences: true });
    layer.apply(x);
    const lossOf = (input: Tensor): Tensor => tsr.mean(tsr.square(layer.apply(input) as Tensor));
    const [loss, g] = tsr.valueAndGrad(lossOf)(x) as [Tensor, Tensor];
    const want = [values(loss), values(g)];
    tsr.setBackend('onnxruntime');
    try {
      const jitted = await tsr.jit((input: Tensor) => tsr.valueAndGrad(lossOf)(input))(x) as [Tensor, Tensor];
      values(jitted[0]).forEach((v, i) => expect(v).toBeCloseTo(want[0]![i]!, 5));
      values(jitted[1]).forEach((v, i) => expect(v).toBeCloseTo(want[1]![i]!, 5));
    } finally {
      tsr.setBackend('reference');
    }
  });

  it('round-trips a generic RNN config with its cell, and rejects a non-cell', () => {
    const layer = rec.rnn({ cell: rec.gruCell({ units: 2, name: 'gc' }), goBackwards: true, unroll: true, name: 'gr' });
    const json = JSON.parse(JSON.stringify(layer.toJSON()));
    expect(json.config.cell).toMatchObject({ className: 'GRUCell', config: { name: 'gc', units: 2, resetAfter: true } });
    const clone = tsr.deserialize('layer', json) as rec.RNN;
    expect(clone.getConfig()).toEqual(layer.getConfig());
    expect(clone.cell).toBeInstanceOf(rec.GRUCell);
    expect(() => rec.rnn({ cell: tsr.layers.dense({ units: 2 }) as unknown as rec.RNNCell })).toThrow('cell must be an RNNCell');
  });
});
