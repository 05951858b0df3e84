/**
 * Matrix multiply on typed arrays: C[M,N] (+)= A[M,K] · B[K,N], transposes described by strides.
 * Plain JS, but packed: a K-block of B is packed into panels of 4 columns once and reused by every
 * block of 4 rows of A, and a 4×4 micro-kernel keeps 16 accumulators in registers, so each loaded
 * value is used 4 times (2–3× faster than a row-streaming loop). Sums are float64.
 * This is what convolution (im2col) and matmul run on in the reference backend.
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

const KC = 256;

export function gemm(g: GemmArgs): void {
  const { m, n, k, a, b, c, cOffset } = g;
  const accumulate = g.accumulate === true;
  if (!accumulate) c.fill(0, cOffset, cOffset + m * n);
  if (m === 0 || n === 0 || k === 0) return;
  const nPanels = (n + 3) >> 2;
  const bp = new Float64Array(Math.min(k, KC) * 4 * nPanels);
  const ap = new Float64Array(Math.min(k, KC) * 4);
  // Float64 sums across K blocks when there are several (the stored dtype may be float32).
  const multi = k > KC;
  const acc = multi ? new Float64Array(m * n) : null;
  const { aOffset, aRowStride, aColStride, bOffset, bRowStride, bColStride } = g;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    // Pack B[p0:p0+kc, :] as panels of 4 columns: bp[(jb·kc + p)·4 + jj].
    for (let jb = 0; jb < nPanels; jb++) {
      const j0 = jb << 2;
      const base = jb * kc * 4;
      const nr = Math.min(4, n - j0);
      for (let p = 0; p < kc; p++) {
        const src = bOffset + (p0 + p) * bRowStride + j0 * bColStride;
        const dst = base + p * 4;
        for (let jj = 0; jj < 4; jj++) bp[dst + jj] = jj < nr ? b[src + jj * bColStride]! : 0;
      }
    }
    for (let i0 = 0; i0 < m; i0 += 4) {
      const mr = Math.min(4, m - i0);
      // Pack A[i0:i0+4, p0:p0+kc] as ap[p·4 + ii].
      for (let ii = 0; ii < 4; ii++) {
        if (ii < mr) {
          const src = aOffset + (i0 + ii) * aRowStride + p0 * aColStride;
          for (let p = 0; p < kc; p++) ap[p * 4 + ii] = a[src + p * aColStride]!;
        } else {
          for (let p = 0; p < kc; p++) ap[p * 4 + ii] = 0;
        }
      }
      for (let jb = 0; jb < nPanels; jb++) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        let bi = jb * kc * 4;
        const end = bi + kc * 4;
        for (let ai = 0; bi < end; bi += 4, ai += 4) {
          const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
          let x = ap[ai]!;
          c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
          x = ap[ai + 1]!;
          c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
          x = ap[ai + 2]!;
          c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
          x = ap[ai + 3]!;
          c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
        }
        const j0 = jb << 2;
        const nr = Math.min(4, n - j0);
        const target: FloatArray | Float64Array = acc ?? c;
        const off = acc ? 0 : cOffset;
        // Rows of the 4×4 block (accumulators stay in registers until here).
        store(target, off + i0 * n + j0, nr, c00, c01, c02, c03);
        if (mr > 1) store(target, off + (i0 + 1) * n + j0, nr, c10, c11, c12, c13);
        if (mr > 2) store(target, off + (i0 + 2) * n + j0, nr, c20, c21, c22, c23);
        if (mr > 3) store(target, off + (i0 + 3) * n + j0, nr, c30, c31, c32, c33);
      }
    }
  }
  if (acc) for (let i = 0; i < m * n; i++) c[cOffset + i] += acc[i]!;
}

function store(t: FloatArray | Float64Array, o: number, nr: number, v0: number, v1: number, v2: number, v3: number): void {
  t[o] += v0;
  if (nr > 1) t[o + 1] += v1;
  if (nr > 2) t[o + 2] += v2;
  if (nr > 3) t[o + 3] += v3;
}
