/**
 * The Loss base: Keras's reductions and sample-weight rules on hand values, wrapped functions,
 * getLoss by name (camelCase, snake_case, aliases), object or function, and its errors.
 */
import { describe, expect, it } from 'vitest';
import '../../src/backends/reference/index.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import { mean } from '../../src/ops/reduce/mean.js';
import { sub } from '../../src/ops/elementwise/sub.js';
import { square } from '../../src/ops/elementwise/square.js';
import * as losses from '../../src/losses/index.js';
import { CTC, CategoricalCrossentropy, CosineSimilarity, Huber, KLDivergence, LossFunctionWrapper, MeanAbsoluteError, MeanSquaredError, SparseCategoricalCrossentropy, BinaryCrossentropy, getLoss } from '../../src/losses/index.js';

const yTrue = tensor([[0, 1], [2, 3], [4, 5]]);
const yPred = tensor([[1, 1], [2, 5], [4, 2]]);
// Squared errors per sample: mean([1, 0]) = 0.5, mean([0, 4]) = 2, mean([0, 9]) = 4.5.

describe('Loss reductions and sample weights (hand values)', () => {
  it('sumOverBatchSize divides the weighted sum by the number of values, zero weights included', () => {
    expect(losses.meanSquaredError().call(yTrue, yPred).item()).toBeCloseTo(7 / 3, 6);
    expect(losses.meanSquaredError().call(yTrue, yPred, tensor([1, 0, 2])).item()).toBeCloseTo((0.5 + 9) / 3, 6);
    expect(losses.meanSquaredError({ reduction: 'sum' }).call(yTrue, yPred, tensor([1, 0, 2])).item()).toBeCloseTo(9.5, 6);
    expect(losses.meanSquaredError({ reduction: 'none' }).call(yTrue, yPred, tensor([1, 0, 2])).arraySync()).toEqual([0.5, 0, 9]);
  });

  it('accepts Keras spellings of the reduction', () => {
    expect(losses.meanSquaredError({ reduction: 'sum_over_batch_size' as never }).reduction).toBe('sumOverBatchSize');
    expect(losses.meanSquaredError({ reduction: 'mean' as never }).reduction).toBe('sumOverBatchSize');
    expect(losses.meanSquaredError({ reduction: null as never }).reduction).toBe('none');
  });

  it('sample weights of shape [batch, 1] and per-time-step weights', () => {
    expect(losses.meanSquaredError().call(yTrue, yPred, tensor([[1], [0], [2]])).item()).toBeCloseTo(9.5 / 3, 6);
    // Sequence losses [batch, time] = [[1, 0], [0, 4]] weighted per step.
    const seq = losses.meanSquaredError({ reduction: 'sum' });
    const t = tensor([[[0], [1]], [[2], [3]]]), p = tensor([[[1], [1]], [[2], [5]]]);
    expect(seq.call(t, p, tensor([[1, 1], [0.5, 0.25]])).item()).toBeCloseTo(1 + 1, 6);
    expect(seq.call(t, p, tensor([2, 0.5])).item()).toBeCloseTo(2 + 2, 6);
  });

  it('brings [batch] targets to [batch, 1] predictions as Keras does', () => {
    const v = losses.meanAbsoluteError({ reduction: 'none' }).call(tensor([1, 2, 3]), tensor([[1.5], [2], [1]]));
    expect(v.arraySync()).toEqual([0.5, 0, 2]);
  });

  it('rejects sample weights of another shape, saying what it received', () => {
    expect(() => losses.meanSquaredError().call(yTrue, yPred, tensor([1, 2]))).toThrow(
      'mean_squared_error: sampleWeight must match the leading axes of the loss values [3] (one weight per sample: [3]). Received: sampleWeight of shape [2]');
  });
});

describe('wrapped functions', () => {
  it('a per-sample function is weighted and reduced', () => {
    const mse = (t: Tensor, p: Tensor): Tensor => mean(square(sub(p, t)), -1);
    const loss = getLoss(mse);
    expect(loss).toBeInstanceOf(LossFunctionWrapper);
    expect(loss.name).toBe('mse');
    expect(loss.call(yTrue, yPred, tensor([1, 0, 2])).item()).toBeCloseTo(9.5 / 3, 6);
  });

  it('a scalar function scales by the mean sample weight (Keras broadcasts it)', () => {
    const loss = getLoss(function total(t: Tensor, p: Tensor): Tensor { return mean(square(sub(p, t))); });
    expect(loss.call(yTrue, yPred).item()).toBeCloseTo(7 / 3, 6);
    expect(loss.call(yTrue, yPred, tensor([1, 0, 2])).item()).toBeCloseTo(7 / 3, 6);
    expect(loss.call(yTrue, yPred, tensor([1, 1, 4])).item()).toBeCloseTo(14 / 3, 6);
  });

  it('cannot be saved in a config', () => {
    expect(() => getLoss((t: Tensor) => t).getConfig()).toThrow(/cannot be saved in a config/);
  });
});

describe('getLoss', () => {
  const expectations: [string, new (...a: never[]) => unknown][] = [
    ['sparseCategoricalCrossentropy', SparseCategoricalCrossentropy],
    ['sparse_categorical_crossentropy', SparseCategoricalCrossentropy],
    ['SparseCategoricalCrossentropy', SparseCategoricalCrossentropy],
    ['categoricalCrossentropy', CategoricalCrossentropy],
    ['binary_crossentropy', BinaryCrossentropy],
    ['meanSquaredError', MeanSquaredError],
    ['mse', MeanSquaredError],
    ['MSE', MeanSquaredError],
    ['mae', MeanAbsoluteError],
    ['mean_absolute_error', MeanAbsoluteError],
    ['huber', Huber],
    ['huber_loss', Huber],
    ['kld', KLDivergence],
    ['klDivergence', KLDivergence],
    ['kullbackLeiblerDivergence', KLDivergence],
    ['kullback_leibler_divergence', KLDivergence],
    ['cosineSimilarity', CosineSimilarity],
    ['ctc', CTC],
  ];
  for (const [name, cls] of expectations) {
    it(`'${name}' → ${cls.name}`, () => expect(getLoss(name)).toBeInstanceOf(cls));
  }

  it('returns a Loss as is and rebuilds {className, config}', () => {
    const l = losses.huber({ delta: 3 });
    expect(getLoss(l)).toBe(l);
    const back = getLoss({ className: 'Huber', config: { delta: 3 } }) as Huber;
    expect(back.delta).toBe(3);
  });

  it('names the unknown loss and lists the known ones', () => {
    expect(() => getLoss('hinge')).toThrow(/getLoss: unknown loss 'hinge' \(known: .*mse.*\)/);
    expect(() => getLoss(3 as never)).toThrow(/getLoss: expected a name, a Loss or a function. Received: /);
  });
});
