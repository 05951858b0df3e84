import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { deserialize, serialize } from '../../src/io/serialization.js';

describe('regularizers and constraints', () => {
  it('l1/l2 penalties and their configs', () => {
    const w = tsr.tensor([[1, -2], [3, 0]]);
    expect(tsr.regularizers.l1({ l1: 0.1 }).call(w).item()).toBeCloseTo(0.6, 6);
    expect(tsr.regularizers.l2({ l2: 0.1 }).call(w).item()).toBeCloseTo(1.4, 6);
    expect(tsr.regularizers.l1l2({ l1: 0.1, l2: 0.1 }).call(w).item()).toBeCloseTo(2.0, 6);
    const r = deserialize<tsr.regularizers.Regularizer>('regularizer', JSON.parse(JSON.stringify(serialize(tsr.regularizers.l2({ l2: 0.3 })))));
    expect(r.call(w).item()).toBeCloseTo(4.2, 5);
    expect(() => tsr.regularizers.l1({ l1: -1 })).toThrow(/Received: -1/);
  });

  it('maxNorm, unitNorm, nonNeg and minMaxNorm project weights (columns of a dense kernel)', () => {
    const w = tsr.tensor([[3, 0.3], [4, 0.4]]); // column norms 5 and 0.5
    const m = tsr.constraints.maxNorm({ maxValue: 2 }).call(w).arraySync() as number[][];
    expect(m[0]![0]!).toBeCloseTo(1.2, 5);
    expect(m[1]![0]!).toBeCloseTo(1.6, 5);
    expect(m[0]![1]!).toBeCloseTo(0.3, 5);
    const u = tsr.constraints.unitNorm().call(w).arraySync() as number[][];
    expect(u[0]![1]!).toBeCloseTo(0.6, 5);
    expect(tsr.constraints.nonNeg().call(tsr.tensor([-1, 2])).arraySync()).toEqual([0, 2]);
    const mm = tsr.constraints.minMaxNorm({ minValue: 1, maxValue: 2 }).call(w).arraySync() as number[][];
    expect(Math.hypot(mm[0]![1]!, mm[1]![1]!)).toBeCloseTo(1, 5);
    const c = deserialize<tsr.constraints.Constraint>('constraint', serialize(tsr.constraints.maxNorm({ maxValue: 3, axis: [0, 1] })));
    expect(c.getConfig()).toEqual({ maxValue: 3, axis: [0, 1] });
  });
});
