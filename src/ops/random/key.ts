/**
 * Random keys, JAX-style: a key is a pair of uint32 words, plain JSON so it can sit in an op's
 * attributes. The same key always gives the same values; `splitKey` derives independent keys.
 * Calls that are given no key draw a fresh one from a global key that `setSeed` resets.
 */
import { OpError } from '../../core/errors.js';
import { threefry2x32 } from './threefry.js';

/** A random key: two uint32 words, frozen. */
export type RandomKey = readonly [number, number];

function isUint32(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
}

/** Checks that `key` is a key (for errors naming the op that was given it). */
export function checkKey(op: string, key: unknown): RandomKey {
  if (!Array.isArray(key) || key.length !== 2 || !isUint32(key[0]) || !isUint32(key[1])) {
    const shown = Array.isArray(key) ? `[${key.map(String).join(',')}]` : String(key);
    throw new OpError(op, `key must be a pair of uint32 integers, as made by randomKey or splitKey. Received: key=${shown}`);
  }
  return key as unknown as RandomKey;
}

function makeKey(hi: number, lo: number): RandomKey {
  return Object.freeze([hi >>> 0, lo >>> 0] as const);
}

/**
 * The key of an integer seed, laid out as JAX's PRNGKey: [high 32 bits, low 32 bits]
 * (negative seeds wrap around as 64-bit two's complement).
 */
export function randomKey(seed: number): RandomKey {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new OpError('randomKey', `seed must be an integer in ±(2^53 - 1). Received: seed=${String(seed)}`);
  }
  return makeKey(Math.floor(seed / 2 ** 32), seed % 2 ** 32);
}

/**
 * `n` new keys derived from `key`, independent of each other and of `key`'s own values.
 * Same layout as JAX's (classic) split: the blocks of counters 0…2n-1, paired as (j, n + j),
 * so `splitKey(randomKey(0))` equals `jax.random.split(jax.random.PRNGKey(0))`.
 */
export function splitKey(key: RandomKey, n = 2): RandomKey[] {
  checkKey('splitKey', key);
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 31) {
    throw new OpError('splitKey', `n must be a positive integer. Received: n=${String(n)}`);
  }
  const words = new Array<number>(2 * n);
  for (let j = 0; j < n; j++) {
    const [a, b] = threefry2x32(key, j, n + j);
    words[j] = a;
    words[n + j] = b;
  }
  const keys: RandomKey[] = [];
  for (let i = 0; i < n; i++) keys.push(makeKey(words[2 * i]!, words[2 * i + 1]!));
  return keys;
}

/** The global key that unkeyed calls draw from; unseeded programs start from a random seed, like Keras. */
let globalKey: RandomKey | null = null;

/** Resets the global key, so the sequence of unkeyed random calls that follows is reproducible. */
export function setSeed(seed: number): void {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new OpError('setSeed', `seed must be an integer in ±(2^53 - 1). Received: seed=${String(seed)}`);
  }
  globalKey = randomKey(seed);
}

/** Set by a tracing jit: keys drawn from the global key must be drawn afresh on every call. */
export const keyDraws: { hook: ((key: RandomKey) => void) | null } = { hook: null };

/** A fresh key from the global key, which advances (so two unkeyed calls differ). */
export function nextKey(): RandomKey {
  globalKey ??= randomKey(Math.floor(Math.random() * 2 ** 52));
  const [next, sub] = splitKey(globalKey) as [RandomKey, RandomKey];
  globalKey = next;
  keyDraws.hook?.(sub);
  return sub;
}

/** The key an op should use: the one it was given (checked) or a fresh one from the global key. */
export function resolveKey(op: string, key: RandomKey | undefined): RandomKey {
  return key === undefined ? nextKey() : checkKey(op, key);
}

/** The global key's state (null before first use), to save with a checkpoint or restore after. */
export function getGlobalKey(): RandomKey | null {
  return globalKey;
}

export function setGlobalKey(key: RandomKey | null): void {
  globalKey = key === null ? null : checkKey('setGlobalKey', key);
}

/** A key derived from `key` and an integer (JAX's fold_in): e.g. one key per training step. */
export function foldIn(key: RandomKey, data: number): RandomKey {
  checkKey('foldIn', key);
  if (!Number.isSafeInteger(data) || data < 0) throw new OpError('foldIn', `data must be an integer ≥ 0. Received: data=${String(data)}`);
  const [a, b] = threefry2x32(key, data % 2 ** 32, Math.floor(data / 2 ** 32));
  return makeKey(a, b);
}
