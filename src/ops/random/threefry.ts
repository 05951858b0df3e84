/**
 * Threefry-2x32 (20 rounds), the counter-based generator of Salmon et al., "Parallel random
 * numbers: as easy as 1, 2, 3" (SC'11), also used by JAX. It is a keyed bijection of a 64-bit
 * counter: block(key, counter) gives 64 random bits, and each block is independent of every other.
 * So a value depends only on (key, element index), never on how many values were drawn before,
 * which makes results reproducible whatever the backend, the evaluation order or the batching.
 *
 * How Tessera lays out counters: element i of a random tensor uses the blocks with counter
 * (x0 = i, x1 = s) for streams s = 0, 1, … (see `uniform24`/`uniform53`).
 */

/** Rotation constants of Threefry-2x32 (Random123's R_32x2). */
const ROT = [13, 15, 26, 6, 17, 29, 16, 24] as const;
/** Key-schedule parity constant of Threefish. */
const PARITY = 0x1bd11bda;

// Rotations as locals so the round loop reads no arrays.
const [R0, R1, R2, R3, R4, R5, R6, R7] = ROT;

/**
 * Fills out0[j], out1[j] (j < n) with the block of counter (x0 = start + j, x1 = stream) under
 * key (k0, k1). Arithmetic is on int32 with `| 0` wrap-around; Uint32Array stores take it mod 2^32.
 */
export function threefryBlocks(k0: number, k1: number, stream: number, start: number, n: number, out0: Uint32Array, out1: Uint32Array): void {
  k0 |= 0;
  k1 |= 0;
  const k2 = k0 ^ k1 ^ PARITY;
  const s0 = (stream + k1) | 0;
  for (let j = 0; j < n; j++) {
    let x = (start + j + k0) | 0;
    let y = s0;
    // Rounds 1-4, then key injection 1.
    x = (x + y) | 0; y = ((y << R0) | (y >>> (32 - R0))) ^ x;
    x = (x + y) | 0; y = ((y << R1) | (y >>> (32 - R1))) ^ x;
    x = (x + y) | 0; y = ((y << R2) | (y >>> (32 - R2))) ^ x;
    x = (x + y) | 0; y = ((y << R3) | (y >>> (32 - R3))) ^ x;
    x = (x + k1) | 0; y = (y + k2 + 1) | 0;
    // Rounds 5-8, injection 2.
    x = (x + y) | 0; y = ((y << R4) | (y >>> (32 - R4))) ^ x;
    x = (x + y) | 0; y = ((y << R5) | (y >>> (32 - R5))) ^ x;
    x = (x + y) | 0; y = ((y << R6) | (y >>> (32 - R6))) ^ x;
    x = (x + y) | 0; y = ((y << R7) | (y >>> (32 - R7))) ^ x;
    x = (x + k2) | 0; y = (y + k0 + 2) | 0;
    // Rounds 9-12, injection 3.
    x = (x + y) | 0; y = ((y << R0) | (y >>> (32 - R0))) ^ x;
    x = (x + y) | 0; y = ((y << R1) | (y >>> (32 - R1))) ^ x;
    x = (x + y) | 0; y = ((y << R2) | (y >>> (32 - R2))) ^ x;
    x = (x + y) | 0; y = ((y << R3) | (y >>> (32 - R3))) ^ x;
    x = (x + k0) | 0; y = (y + k1 + 3) | 0;
    // Rounds 13-16, injection 4.
    x = (x + y) | 0; y = ((y << R4) | (y >>> (32 - R4))) ^ x;
    x = (x + y) | 0; y = ((y << R5) | (y >>> (32 - R5))) ^ x;
    x = (x + y) | 0; y = ((y << R6) | (y >>> (32 - R6))) ^ x;
    x = (x + y) | 0; y = ((y << R7) | (y >>> (32 - R7))) ^ x;
    x = (x + k1) | 0; y = (y + k2 + 4) | 0;
    // Rounds 17-20, injection 5.
    x = (x + y) | 0; y = ((y << R0) | (y >>> (32 - R0))) ^ x;
    x = (x + y) | 0; y = ((y << R1) | (y >>> (32 - R1))) ^ x;
    x = (x + y) | 0; y = ((y << R2) | (y >>> (32 - R2))) ^ x;
    x = (x + y) | 0; y = ((y << R3) | (y >>> (32 - R3))) ^ x;
    x = (x + k2) | 0; y = (y + k0 + 5) | 0;
    out0[j] = x;
    out1[j] = y;
  }
}

const scratch0 = new Uint32Array(1);
const scratch1 = new Uint32Array(1);

/** One block: Threefry-2x32(key, [x0, x1]) as two uint32 words. */
export function threefry2x32(key: readonly [number, number], x0: number, x1: number): [number, number] {
  threefryBlocks(key[0], key[1], x1, x0, 1, scratch0, scratch1);
  return [scratch0[0]!, scratch1[0]!];
}

/** A uniform in [0, 1) with 24 random bits (exact in float32): the top bits of word `w`. */
export function uniform24(w: number): number {
  return (w >>> 8) * 2 ** -24;
}

/**
 * A uniform in [0, 1) with 53 random bits (every double of the grid k/2^53): the high 32 bits from
 * `hi`, the low 21 from `lo`. Its top 24 bits are `uniform24(hi)`, so a float64 draw rounds down
 * to the float32 draw of the same key and element.
 */
export function uniform53(hi: number, lo: number): number {
  return ((hi >>> 0) * 2 ** 21 + (lo >>> 11)) * 2 ** -53;
}
