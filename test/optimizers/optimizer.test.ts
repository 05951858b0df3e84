/** The Optimizer base: clipping, weight decay, missing gradients, the two paths, names and errors. */
import { describe, expect, it } from 'vitest';
import { variable } from '../../src/autograd/variable.js';
import { zeros } from '../../src/core/creation.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import {
  adagrad, adam, adamw, getOptimizer, Optimizer, rmsprop, sgd, SGD, type OptimizerOptions,
} from '../../src/optimizers/index.js';
import { cosineDecay, piecewiseConstantDecay } from '../../src/optimizers/schedules/index.js';
import { checkAgainstReference, scalarTensors } from './helpers.js';

const values = (t: Tensor): number[] => Array.from(t.dataSync() as Float32Array);

/** One SGD step with lr = 1 from zero parameters: the parameters become −(processed gradients). */
function processedGradients(options: OptimizerOptions, grads: number[][]): number[][] {
  const vars = grads.map((g) => variable(zeros([g.length])));
  sgd({ learningRate: 1, ...options }).applyGradients(grads.map((g, i) => [tensor(g), vars[i]!] as const));
  return vars.map((v) => values(v).map((x) => -x));
}

function expectNested(actual: number[][], expected: number[][], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(expected[i]![j]!, digits)));
}

describe('Optimizer: gradient clipping (hand values)', () => {
  it('clipvalue limits each element to [-v, v]', () => {
    expectNested(processedGradients({ clipvalue: 0.5 }, [[0.2, -3, 1]]), [[0.2, -0.5, 0.5]]);
  });

  it('clipnorm scales each tensor whose L2 norm exceeds it, and leaves the others', () => {
    expectNested(processedGradients({ clipnorm: 1 }, [[3, 4], [0.3, 0.4], [0, 0]]), [[0.6, 0.8], [0.3, 0.4], [0, 0]]);
  });

  it('globalClipnorm scales all tensors by one factor when their joint norm exceeds it', () => {
    // Joint norm √(9 + 16 + 144) = 13 → factor 2.6/13 = 0.2.
    expectNested(processedGradients({ globalClipnorm: 2.6 }, [[3, 4], [0, 12]]), [[0.6, 0.8], [0, 2.4]]);
    expectNested(processedGradients({ globalClipnorm: 20 }, [[3, 4], [0, 12]]), [[3, 4], [0, 12]]);
    expectNested(processedGradients({ globalClipnorm: 1 }, [[0, 0]]), [[0, 0]]);
  });

  it('applies clipvalue, then clipnorm, then globalClipnorm', () => {
    // clipvalue 4: [3, 4, −10] → [3, 4, −4], norm √41; clipnorm 5 scales by 5/√41;
    // globalClipnorm 3 (norm now 5 with the second tensor at 0) scales by 3/5.
    const s = (5 / Math.sqrt(41)) * (3 / 5);
    expectNested(processedGradients({ clipvalue: 4, clipnorm: 5, globalClipnorm: 3 }, [[3, 4, -10], [0]]), [[3 * s, 4 * s, -4 * s], [0]]);
  });

  it('clips before the update rule, as the Keras formula does', () => {
    checkAgainstReference(() => adam({ learningRate: 0.05, globalClipnorm: 1.5 }), { kind: 'adam', lr: () => 0.05, globalClipnorm: 1.5 });
    checkAgainstReference(() => rmsprop({ learningRate: 0.01, clipnorm: 0.7, momentum: 0.3 }), { kind: 'rmsprop', lr: () => 0.01, clipnorm: 0.7, momentum: 0.3 });
    checkAgainstReference(() => sgd({ learningRate: 0.1, clipvalue: 0.4, momentum: 0.9 }), { kind: 'sgd', lr: () => 0.1, clipvalue: 0.4, momentum: 0.9 });
  });
});

describe('Optimizer: weight decay and learning rate', () => {
  it('decays p ← p − lr·wd·p before the update (hand value)', () => {
    const w = variable(tensor([2]));
    sgd({ learningRate: 0.1, weightDecay: 0.5 }).applyGradients([[tensor([1]), w]]);
    expect(w.dataSync()[0]).toBeCloseTo(2 - 0.1 * 0.5 * 2 - 0.1 * 1, 6); // 1.8
    checkAgainstReference(() => adagrad({ learningRate: 0.1, weightDecay: 0.2 }), { kind: 'adagrad', lr: () => 0.1, weightDecay: 0.2 });
  });

  it('evaluates a schedule at iterations (0 for the first update), and follows it in both paths', () => {
    const schedule = piecewiseConstantDecay({ boundaries: [1, 3], values: [0.1, 0.05, 0.01] });
    const o = sgd({ learningRate: schedule });
    expect(o.currentLearningRate()).toBe(0.1);
    expect(o.hostScalars(1)).toEqual({ lr: 0.1 });
    expect(o.hostScalars(3)).toEqual({ lr: 0.05 });
    expect(o.hostScalars(5)).toEqual({ lr: 0.01 });
    o.iterations = 3;
    expect(o.currentLearningRate()).toBe(0.05);
    checkAgainstReference(() => sgd({ learningRate: schedule, momentum: 0.5 }), { kind: 'sgd', momentum: 0.5, lr: (t) => schedule.at(t - 1) });
    const cosine = cosineDecay({ initialLearningRate: 0.1, decaySteps: 4, warmupTarget: 0.2, warmupSteps: 2 });
    checkAgainstReference(() => rmsprop({ learningRate: cosine, centered: true }), { kind: 'rmsprop', centered: true, lr: (t) => cosine.at(t - 1) });
  });

  it('takes a new learning rate (a number replaces a schedule), checked', () => {
    const o = adam({ learningRate: cosineDecay({ initialLearningRate: 0.1, decaySteps: 10 }) });
    o.learningRate = 0.5;
    expect(o.currentLearningRate()).toBe(0.5);
    expect(o.hostScalars(1)['lr']).toBe(0.5);
    expect(() => { o.learningRate = Number.NaN; }).toThrow('adam: learningRate must be a finite number ≥ 0 or a LearningRateSchedule. Received: learningRate=NaN');
    expect(() => { o.learningRate = 'fast' as unknown as number; }).toThrow('Received: learningRate="fast"');
  });
});

describe('Optimizer: the functional and eager paths', () => {
  it('applyFunctional is pure: parameters without a gradient come back as they were, iterations unchanged', () => {
    const o = adam({ learningRate: 0.1 });
    const a = tensor([1, 2]);
    const b = tensor([[3]]);
    const slots = [o.initSlots(a), o.initSlots(b)];
    const out = o.applyFunctional([a, b], [tensor([0.5, -0.5]), null], slots, scalarTensors(o.hostScalars(1)));
    expect(out.params[1]).toBe(b);
    expect(out.slots[1]).toEqual(slots[1]);
    expect(out.slots[1]).not.toBe(slots[1]);
    // First Adam step: lr·g/|g| (up to ε) = ±0.1.
    expect(values(out.params[0]!)[0]).toBeCloseTo(0.9, 5);
    expect(values(out.params[0]!)[1]).toBeCloseTo(2.1, 5);
    expect(values(out.slots[0]![0]!)).toEqual([Math.fround(0.05), Math.fround(-0.05)]);
    expect(values(a)).toEqual([1, 2]);
    expect(o.iterations).toBe(0);
  });

  it('applyGradients keeps slots in Variables per variable, skips missing gradients and counts iterations', () => {
    const o = sgd({ learningRate: 0.1, momentum: 0.9 });
    const w = variable(tensor([1, 1]), { name: 'w' });
    const u = variable(tensor([5]), { name: 'u' });
    o.applyGradients([[tensor([1, -1]), w], [null, u]]);
    expect(o.iterations).toBe(1);
    expect(values(u)).toEqual([5]);
    expect(o.getSlots(u)).toBeUndefined();
    const [m] = o.getSlots(w)!;
    expect(m!.name).toBe('sgd/w/momentum');
    expect(m!.trainable).toBe(false);
    expect(values(m!)).toEqual([Math.fround(-0.1), Math.fround(0.1)]);
    o.applyGradients([[tensor([1, -1]), w]]);
    expect(o.getSlots(w)![0]).toBe(m);
    expect(values(m!)[0]).toBeCloseTo(-0.19, 6);
    expect(values(w)[0]).toBeCloseTo(1 - 0.1 - 0.19, 6);
    expect(o.iterations).toBe(2);
  });

  it('rejects bad inputs with what it received', () => {
    const o = adam();
    const p = tensor([1, 2]);
    const s = scalarTensors(o.hostScalars(1));
    expect(() => o.applyFunctional([p], [], [o.initSlots(p)], s)).toThrow('adam: applyFunctional needs one gradient and one slot list per parameter. Received: 1 params, 0 grads, 1 slot lists');
    expect(() => o.applyFunctional([p], [tensor([1, 2, 3])], [o.initSlots(p)], s)).toThrow('adam: the gradient of parameter 0 must have its shape [2]. Received: [3]');
    expect(() => o.applyFunctional([p], [tensor([1, 2])], [[]], s)).toThrow('adam: parameter 0 needs 2 slots (m, v). Received: 0');
    expect(() => o.applyFunctional([p], [tensor([1, 2])], [o.initSlots(p)], { lr: s['lr']! })).toThrow(
      'adam: applyFunctional needs the scalars lr, alpha of hostScalars(t) as float scalar tensors. Received: alpha=undefined (given: lr)');
    expect(() => o.applyFunctional([tensor([1], [1], 'int32')], [tensor([1])], [[tensor([0]), tensor([0])]], s)).toThrow('adam: parameter 0 must have a float dtype to be trained. Received: dtype=int32');
    const w = variable(tensor([1]), { name: 'w' });
    expect(() => o.applyGradients([[tensor([1, 2]), w]])).toThrow("adam: the gradient of variable 'w' must have its shape [1]. Received: [2]");
    expect(() => o.applyGradients([[tensor([1]), tensor([1]) as never]])).toThrow('adam: applyGradients: entry 0 must be [gradient, variable]');
    expect(() => o.applyGradients([[tensor([1]), w], [tensor([1]), w]])).toThrow("adam: applyGradients: variable 'w' appears twice. Received: 2 pairs");
    expect(() => o.applyGradients([])).toThrow('adam: applyGradients got no gradient for any variable. Received: 0 pairs');
    expect(o.iterations).toBe(0);
  });
});

describe('Optimizer: options and names', () => {
  it('rejects bad base options with what it received', () => {
    expect(() => sgd({ clipnorm: 0 })).toThrow('sgd: clipnorm must be a finite number > 0. Received: clipnorm=0');
    expect(() => adam({ clipvalue: -1 })).toThrow('adam: clipvalue must be a finite number > 0. Received: clipvalue=-1');
    expect(() => rmsprop({ globalClipnorm: Infinity })).toThrow('rmsprop: globalClipnorm must be a finite number > 0. Received: globalClipnorm=Infinity');
    expect(() => adagrad({ weightDecay: -1 })).toThrow('adagrad: weightDecay must be a finite number ≥ 0. Received: weightDecay=-1');
    expect(() => adam({ name: '' })).toThrow('adam: name must be a non-empty string. Received: name=""');
    expect(() => sgd({ learning_rate: 0.1 } as unknown as OptimizerOptions)).toThrow(/^sgd: unknown option \(known: learningRate, .*\)\. Received: learning_rate$/);
    expect(() => adamw({ beta_1: 0.9, decay: 1 } as unknown as OptimizerOptions)).toThrow(/adamw: unknown options .*Received: beta_1, decay$/);
  });

  it('getOptimizer resolves names in any case, instances and {className, config}', () => {
    for (const [name, className] of [['adam', 'Adam'], ['Adam', 'Adam'], ['sgd', 'SGD'], ['SGD', 'SGD'], ['adamw', 'AdamW'], ['AdamW', 'AdamW'],
      ['rmsprop', 'RMSprop'], ['RMSprop', 'RMSprop'], ['adagrad', 'Adagrad'], ['Adagrad', 'Adagrad']] as const) {
      const o = getOptimizer(name);
      expect(o).toBeInstanceOf(Optimizer);
      expect(o.className).toBe(className);
    }
    expect(getOptimizer('adam').learningRate).toBe(0.001);
    const mine = sgd();
    expect(getOptimizer(mine)).toBe(mine);
    const fromConfig = getOptimizer({ className: 'SGD', config: { learningRate: 0.3, momentum: 0.2 } });
    expect(fromConfig).toBeInstanceOf(SGD);
    expect((fromConfig as SGD).momentum).toBe(0.2);
    expect(() => getOptimizer('adamx')).toThrow("getOptimizer: unknown optimizer (known: sgd, adam, adamw, rmsprop, adagrad). Received: 'adamx'");
    expect(() => getOptimizer({ className: 'Nadam', config: {} })).toThrow(/unknown optimizer class 'Nadam' \(known: Adagrad, Adam, AdamW, RMSprop, SGD\)/);
    expect(() => getOptimizer(3 as unknown as string)).toThrow('getOptimizer: expected a name (sgd, adam, adamw, rmsprop, adagrad), an Optimizer or {className, config}. Received: 3');
  });
});
