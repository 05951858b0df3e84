/**
 * Against torch.optim (test/fixtures/optimizers/gen_torch_optimizers.py, float64): where PyTorch
 * runs the same algorithm as Keras, the parameters after each of 5 steps must agree. Each case's
 * note in the fixture says how the two formulas differ (epsilon placement) and why its tolerance
 * is what it is: cases with epsilon = 0 are the same formula and are held to 1e-6 relative; with
 * Adam's default epsilon = 1e-7 the results differ by up to ~3e-6, and those cases are held to
 * 1e-5. Run in float64 (the formula) and in float32 (what training uses; see float32Atol).
 */
import { describe, expect, it } from 'vitest';
import type { DType } from '../../src/core/dtype.js';
import { getOptimizer, type Optimizer } from '../../src/optimizers/index.js';
import { expectClose, fixture, float32Atol, runEager, runFunctional } from './helpers.js';

const make = (factory: string, options: Record<string, unknown>): Optimizer =>
  getOptimizer({ className: getOptimizer(factory).className, config: options as Record<string, number> });

describe('optimizers against torch.optim', () => {
  it('has the fixture', () => expect(fixture.cases.map((c) => c.name)).toContain('rmsprop-centered-momentum'));
  for (const c of fixture.cases) {
    it(`${c.name}: ${c.torch}`, () => {
      for (const dtype of ['float64', 'float32'] as DType[]) {
        for (let steps = 1; steps <= fixture.grads.length; steps++) {
          const grads = fixture.grads.slice(0, steps);
          const got = runFunctional(make(c.factory, c.options), fixture.params, fixture.shapes, grads, dtype);
          got.params.forEach((p, i) => {
            const expected = c.expected[steps - 1]![i]!;
            expectClose(p, expected, c.tolerance, `${c.name} ${dtype} step ${steps} param ${i}`, dtype === 'float32' ? float32Atol(expected, c.tolerance) : 0);
          });
          if (steps === fixture.grads.length) expect(runEager(make(c.factory, c.options), fixture.params, fixture.shapes, grads, dtype).params).toEqual(got.params);
        }
      }
    });
  }
});
