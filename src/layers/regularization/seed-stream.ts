import { OpError } from '../../core/errors.js';
import { foldIn, keyDraws, randomKey, type RandomKey } from '../../ops/random/key.js';
import { shown } from '../core/layer-args.js';

/** Checks a layer's `seed` argument: an integer, or null for the global key. */
export function checkSeed(kind: string, seed: unknown): number | null {
  if (seed === undefined || seed === null) return null;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new OpError(kind, `seed must be an integer or null. Received: seed=${shown(seed)}`);
  return seed;
}

/**
 * The keys of a layer's random draws. Unseeded: undefined, so each op draws from the global key
 * (fresh every call, including every call of a compiled training step). Seeded: a repeatable
 * sequence, the seed's key folded with a draw counter (Keras's SeedGenerator).
 */
export class SeedStream {
  private draws = 0;
  constructor(readonly seed: number | null) {}

  next(): RandomKey | undefined {
    if (this.seed === null) return undefined;
    const key = foldIn(randomKey(this.seed), this.draws++);
    // Under a tracing jit a fixed key would freeze the mask for every later step; reported as a
    // draw, the compiled function replaces it with a fresh key from the global key on each call.
    keyDraws.hook?.(key);
    return key;
  }
}
