/**
 * Blocked matrix multiply on typed arrays: C[M,N] (+)= A[M,K] · B[K,N], with optional transposes
 * described by strides. Plain JS, but cache-blocked and with a contiguous inner loop so V8 keeps
 * it in registers; this is what convolution (im2col) and matmul run on in the reference backend.
 */
export type FloatArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface GemmArgs {
  m: number;
  n: number;
  k: number;
  a: FloatArray;
  aOffset: number;
  /** A[i][p] = a[aOffset + i*aRowStride + p*aColStride] */
  aRowStride: number;
  aColStride: number;
  b: FloatArray;
  bOffset: number;
  bRowStride: number;
  bColStride: number;
  c: FloatArray;
  cOffset: number;
  /** When true C is added to, otherwise overwritten. */
  accumulate?: boolean;
}

const BLOCK_K = 256;
const BLOCK_N = 512;

export function gemm(g: GemmArgs): void {
  const { m, n, k, a, b, c, cOffset } = g;
  if (!g.accumulate) c.fill(0, cOffset, cOffset + m * n);
  if (m === 0 || n === 0 || k === 0) return;
  // Make B row-contiguous (bColStride === 1) so the inner loop streams; copy when it is not.
  let bData: FloatArray = b;
  let bOff = g.bOffset;
  let bRow = g.bRowStride;
  if (g.bColStride !== 1) {
    const packed = new Float64Array(k * n);
    for (let p = 0; p < k; p++) {
      const src = g.bOffset + p * g.bRowStride;
      for (let j = 0; j < n; j++) packed[p * n + j] = b[src + j * g.bColStride]!;
    }
    bData = packed;
    bOff = 0;
    bRow = n;
  }
  const aRow = g.aRowStride;
  const aCol = g.aColStride;
  const aOff = g.aOffset;
  // Accumulate each C row block in float64 scratch for accuracy, then store.
  const acc = new Float64Array(Math.min(n, BLOCK_N));
  for (let j0 = 0; j0 < n; j0 += BLOCK_N) {
    const nb = Math.min(BLOCK_N, n - j0);
    for (let i = 0; i < m; i++) {
      acc.fill(0, 0, nb);
      for (let p0 = 0; p0 < k; p0 += BLOCK_K) {
        const pEnd = Math.min(k, p0 + BLOCK_K);
        let p = p0;
        // Unrolled by 4 over k: four rows of B per pass over the accumulator.
        for (; p + 3 < pEnd; p += 4) {
          const ai = aOff + i * aRow + p * aCol;
          const x0 = a[ai]!;
          const x1 = a[ai + aCol]!;
          const x2 = a[ai + 2 * aCol]!;
          const x3 = a[ai + 3 * aCol]!;
          const r0 = bOff + p * bRow + j0;
          const r1 = r0 + bRow;
          const r2 = r1 + bRow;
          const r3 = r2 + bRow;
          for (let j = 0; j < nb; j++) {
            acc[j] += x0 * bData[r0 + j]! + x1 * bData[r1 + j]! + x2 * bData[r2 + j]! + x3 * bData[r3 + j]!;
          }
        }
        for (; p < pEnd; p++) {
          const x = a[aOff + i * aRow + p * aCol]!;
          const r = bOff + p * bRow + j0;
          for (let j = 0; j < nb; j++) acc[j] += x * bData[r + j]!;
        }
      }
      const ci = cOffset + i * n + j0;
      if (g.accumulate) for (let j = 0; j < nb; j++) c[ci + j] += acc[j]!;
      else for (let j = 0; j < nb; j++) c[ci + j] = acc[j]!;
    }
  }
}
