import { describe, expect, it } from 'vitest';
import { gemm } from '../../../src/backends/reference/gemm.js';
import { rng } from '../../helpers/test-op.js';

/** Naive triple loop over the same strided views. */
function naive(m: number, n: number, k: number, a: Float64Array, aRow: number, aCol: number, b: Float64Array, bRow: number, bCol: number, c: Float64Array, acc: boolean): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * aRow + p * aCol]! * b[p * bRow + j * bCol]!;
      c[i * n + j] = (acc ? c[i * n + j]! : 0) + s;
    }
  }
}

describe('reference gemm', () => {
  it('matches a naive loop over shapes, transposed strides and accumulation', () => {
    const rand = rng(7);
    const dims = [1, 2, 3, 4, 5, 7, 9, 17, 260, 513];
    for (let trial = 0; trial < 60; trial++) {
      const m = dims[Math.floor(rand() * dims.length)]!;
      const n = dims[Math.floor(rand() * 8)]!;
      const k = dims[Math.floor(rand() * dims.length)]!;
      const tA = rand() < 0.5;
      const tB = rand() < 0.5;
      const accumulate = rand() < 0.3;
      const a = Float64Array.from({ length: m * k }, () => rand() - 0.5);
      const b = Float64Array.from({ length: k * n }, () => rand() - 0.5);
      const c0 = Float64Array.from({ length: m * n }, () => rand());
      const [aRow, aCol] = tA ? [1, m] : [k, 1];
      const [bRow, bCol] = tB ? [1, k] : [n, 1];
      const expected = c0.slice();
      naive(m, n, k, a, aRow, aCol, b, bRow, bCol, expected, accumulate);
      const c = c0.slice();
      gemm({ m, n, k, a, aOffset: 0, aRowStride: aRow, aColStride: aCol, b, bOffset: 0, bRowStride: bRow, bColStride: bCol, c, cOffset: 0, accumulate });
      for (let i = 0; i < c.length; i++) expect(Math.abs(c[i]! - expected[i]!)).toBeLessThan(1e-12 * (1 + Math.abs(expected[i]!)) * k);
    }
  });

  it('propagates NaN and Inf (no skipping of zero operands)', () => {
    const c = new Float64Array(1);
    gemm({ m: 1, n: 1, k: 2, a: new Float64Array([0, 1]), aOffset: 0, aRowStride: 2, aColStride: 1, b: new Float64Array([Infinity, 1]), bOffset: 0, bRowStride: 1, bColStride: 1, c, cOffset: 0 });
    expect(Number.isNaN(c[0])).toBe(true);
  });
});
