/// <reference types="vite/client" />
/**
 * Every primitive op must be exercised by some case: differentiable ones by a case that runs the
 * gradient check with the op in its forward graph, the others (comparisons, argmax, random) by a
 * forward check. Adjoint ops that only appear inside VJPs need cases of their own.
 */
import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { makeInput, opsInGraph, rng, type OpCase } from '../helpers/test-op.js';

const tables = import.meta.glob<Record<string, unknown>>('./*.cases.ts', { eager: true });

function allCases(): OpCase[] {
  const out: OpCase[] = [];
  for (const mod of Object.values(tables)) {
    for (const value of Object.values(mod)) {
      if (Array.isArray(value)) out.push(...(value as OpCase[]));
    }
  }
  return out;
}

describe('op coverage', () => {
  it('every registered primitive has a forward case, and differentiable ones a gradient case', () => {
    const forward = new Set<string>();
    const gradient = new Set<string>();
    for (const c of allCases()) {
      const rand = rng(1);
      const out = c.fn(...c.inputs.map((s) => makeInput(s, rand)));
      for (const name of opsInGraph(out)) {
        forward.add(name);
        if (c.grad !== false) gradient.add(name);
      }
    }
    const missingForward: string[] = [];
    const missingGradient: string[] = [];
    for (const [name, op] of tsr.registeredOps()) {
      if (name.startsWith('test.')) continue;
      if (!forward.has(name)) missingForward.push(name);
      else if (op.vjp !== 'none' && !gradient.has(name)) missingGradient.push(name);
    }
    expect(missingForward, 'ops with no case at all').toEqual([]);
    expect(missingGradient, 'differentiable ops never gradient-checked').toEqual([]);
  });
});
