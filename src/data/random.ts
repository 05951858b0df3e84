/**
 * Host-side seeded randomness for data pipelines (shuffle orders, augmentation). Data work runs on
 * the host, outside the graph, so it cannot use the tensor keys of src/core/key.ts; what it needs is
 * a small fast generator whose stream depends only on (seed, stream ids), so that results do not
 * depend on the order in which parallel map calls finish.
 */

/** Mixes integers into one 32-bit seed (murmur3's finaliser per word): `mixSeed(seed, epoch, index)`. */
export function mixSeed(...words: number[]): number {
  let h = 0x9e3779b9;
  for (const w of words) {
    // Numbers beyond 32 bits (step counters) contribute both halves.
    const lo = w >>> 0;
    const hi = Math.floor(w / 4294967296) >>> 0;
    for (const part of hi ? [lo, hi] : [lo]) {
      h = Math.imul(h ^ part, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
  }
  return h >>> 0;
}

/** A uniform generator on [0, 1) (mulberry32) seeded by `mixSeed(...seeds)`. */
export function hostRandom(...seeds: number[]): () => number {
  return mulberry32(mixSeed(...seeds));
}

/** mulberry32 from a raw 32-bit state: small, fast, and good enough for orders and augmentation. */
export function mulberry32(state: number): () => number {
  let s = state >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A permutation of 0..n-1 (Fisher–Yates) drawn from `next`. */
export function randomPermutation(n: number, next: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = p[i]!;
    p[i] = p[j]!;
    p[j] = tmp;
  }
  return p;
}
