/**
 * The one random primitive: a source op (no inputs) whose attributes say everything about its
 * values: key, shape, dtype, distribution and its two parameters. Lazy like every other op, and
 * deterministic: element i depends only on (key, i) through Threefry-2x32 blocks (threefry.ts).
 *
 * Bits used per element i (block(s) = Threefry(key, [i, s]) = two words w0, w1):
 *   uniform      float32: uniform24(block(0).w0);  float64: uniform53(block(0).w0, block(1).w0)
 *   normal       Box-Muller on U = 1 - uniform(w0 words), V = uniform(w1 words) of the same blocks
 *   truncated    attempt t uses blocks 2t, 2t+1 as `normal` uses 0, 1 (so attempt 0 = normal's
 *                value); resampled until within 2 stddev, deterministically
 *   randint      low + floor(uniform53 · (high - low)) (bias below (high - low) / 2^53)
 * A float64 draw and a float32 draw of the same key agree to float32 precision (uniform53's top
 * bits are uniform24's).
 */
import { allocate, isDType, isFloat, isInteger, type DType, type TypedArray } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp, type AttrValue } from '../../core/op.js';
import { assertValidShape, sizeOf, type Shape } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { checkKey, resolveKey, type RandomKey } from './key.js';
import { threefryBlocks, uniform24, uniform53 } from './threefry.js';

export type Distribution = 'uniform' | 'normal' | 'truncatedNormal' | 'randint';
const DISTRIBUTIONS: readonly Distribution[] = ['uniform', 'normal', 'truncatedNormal', 'randint'];

export interface RandomAttrs {
  [k: string]: AttrValue;
  /** The random key [k0, k1] (uint32 words). */
  key: readonly number[];
  shape: readonly number[];
  dtype: DType;
  distribution: Distribution;
  /** uniform: [minval, maxval); normal, truncatedNormal: [mean, stddev]; randint: [low, high). */
  params: readonly number[];
}

/** Truncated normal values lie within this many standard deviations of the mean. */
export const TRUNCATION = 2;
/** Attempts per element before giving up on the (p < 1e-40) case: the value becomes the mean. */
const MAX_ATTEMPTS = 32;

const TWO_PI = 2 * Math.PI;

export const randomOp = defineOp<RandomAttrs>({
  name: 'random',
  infer: (inputs, { key, shape, dtype, distribution, params }) => {
    // The public functions check their arguments; these guard attributes built elsewhere (graph files).
    if (inputs.length !== 0) throw new OpError('random', `takes no inputs. Received: ${inputs.length}`);
    if (!DISTRIBUTIONS.includes(distribution)) {
      throw new OpError('random', `distribution must be one of ${DISTRIBUTIONS.join(', ')}. Received: distribution=${String(distribution)}`);
    }
    checkKey('random', key);
    if (!Array.isArray(params) || params.length !== 2 || !params.every((p) => typeof p === 'number' && Number.isFinite(p))) {
      throw new OpError('random', `params must be two finite numbers. Received: params=${JSON.stringify(params)}`);
    }
    const wantInt = distribution === 'randint';
    if (wantInt ? !isInteger(dtype) : !isFloat(dtype)) {
      throw new OpError('random', `${distribution} needs a ${wantInt ? 'int32 or int64' : 'float32 or float64'} dtype. Received: dtype=${dtype}`);
    }
    if (sizeOf(shape) > 2 ** 32) throw new OpError('random', `at most 2^32 values per call. Received: ${sizeOf(shape)}`);
    return { shape, dtype };
  },
  kernel: (_inputs, { key, distribution, params }, out) => {
    const n = sizeOf(out.shape);
    const k0 = key[0]!;
    const k1 = key[1]!;
    const [p, q] = params as [number, number];
    switch (distribution) {
      case 'uniform': return uniformKernel(k0, k1, n, out.dtype, p, q);
      case 'normal': return normalKernel(k0, k1, n, out.dtype, p, q);
      case 'truncatedNormal': return truncatedKernel(k0, k1, n, out.dtype, p, q);
      case 'randint': return randintKernel(k0, k1, n, out.dtype, p, q);
    }
  },
  vjp: 'none',
});

/** The words w0, w1 of the blocks of stream s for elements start…start+n-1. */
interface Words { w0: Uint32Array; w1: Uint32Array }

function blocks(k0: number, k1: number, stream: number, start: number, n: number): Words {
  const w0 = new Uint32Array(n);
  const w1 = new Uint32Array(n);
  threefryBlocks(k0, k1, stream, start, n, w0, w1);
  return { w0, w1 };
}

/** The largest value of `dtype` below `x` (so a rounded uniform never reaches maxval). */
function below(x: number, dtype: DType): number {
  if (dtype === 'float32') {
    const f = new Float32Array([x]);
    if (f[0] === 0) return -(2 ** -149);
    const bits = new Int32Array(f.buffer);
    bits[0] = bits[0]! + (f[0]! > 0 ? -1 : 1);
    return f[0]!;
  }
  if (x === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] = bits[0]! + (x > 0 ? -1n : 1n);
  return f[0]!;
}

function uniformKernel(k0: number, k1: number, n: number, dtype: DType, lo: number, hi: number): TypedArray {
  const out = allocate(dtype, n);
  const width = hi - lo;
  const a = blocks(k0, k1, 0, 0, n).w0;
  if (dtype === 'float32') {
    for (let i = 0; i < n; i++) out[i] = lo + uniform24(a[i]!) * width;
  } else {
    const b = blocks(k0, k1, 1, 0, n).w0;
    for (let i = 0; i < n; i++) out[i] = lo + uniform53(a[i]!, b[i]!) * width;
  }
  // Rounding lo + u·width can land on hi; [lo, hi) is the contract.
  const top = below(hi, dtype);
  for (let i = 0; i < n; i++) if (out[i]! > top) out[i] = top;
  return out;
}

/** Box-Muller: sqrt(-2 ln U)·cos(2πV) with U in (0, 1] (so the log is finite), V in [0, 1). */
function boxMuller(u: number, v: number): number {
  return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(TWO_PI * v);
}

/** Standard normals of elements start…start+n-1 for stream pair (2t, 2t+1) into z. */
function standardNormals(k0: number, k1: number, dtype: DType, t: number, start: number, n: number, z: Float64Array): void {
  const a = blocks(k0, k1, 2 * t, start, n);
  if (dtype === 'float32') {
    for (let i = 0; i < n; i++) z[i] = boxMuller(uniform24(a.w0[i]!), uniform24(a.w1[i]!));
  } else {
    const b = blocks(k0, k1, 2 * t + 1, start, n);
    for (let i = 0; i < n; i++) z[i] = boxMuller(uniform53(a.w0[i]!, b.w0[i]!), uniform53(a.w1[i]!, b.w1[i]!));
  }
}

function normalKernel(k0: number, k1: number, n: number, dtype: DType, mean: number, stddev: number): TypedArray {
  const z = new Float64Array(n);
  standardNormals(k0, k1, dtype, 0, 0, n, z);
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) out[i] = mean + stddev * z[i]!;
  return out;
}

function truncatedKernel(k0: number, k1: number, n: number, dtype: DType, mean: number, stddev: number): TypedArray {
  const z = new Float64Array(n);
  standardNormals(k0, k1, dtype, 0, 0, n, z);
  const out = allocate(dtype, n);
  const one = new Float64Array(1);
  for (let i = 0; i < n; i++) {
    let v = z[i]!;
    // About 4.6% of draws fall outside; each is redrawn from its own next block pair.
    for (let t = 1; Math.abs(v) > TRUNCATION; t++) {
      if (t === MAX_ATTEMPTS) {
        v = 0;
        break;
      }
      standardNormals(k0, k1, dtype, t, i, 1, one);
      v = one[0]!;
    }
    out[i] = mean + stddev * v;
  }
  return out;
}

function randintKernel(k0: number, k1: number, n: number, dtype: DType, low: number, high: number): TypedArray {
  const a = blocks(k0, k1, 0, 0, n).w0;
  const b = blocks(k0, k1, 1, 0, n).w0;
  const out = allocate(dtype, n);
  const width = high - low;
  // min: guards the one rounding case where u·width could reach width.
  for (let i = 0; i < n; i++) out[i] = low + Math.min(Math.floor(uniform53(a[i]!, b[i]!) * width), width - 1);
  return out;
}

/**
 * Validates the arguments shared by the public random functions (naming `op` in errors) and
 * applies the random primitive.
 */
export function applyRandom(op: string, shape: Shape, dtype: DType, distribution: Distribution, params: [number, number], key: RandomKey | undefined): Tensor {
  if (!Array.isArray(shape)) throw new OpError(op, `shape must be an array of non-negative integers. Received: shape=${String(shape)}`);
  assertValidShape(op, shape);
  if (!isDType(dtype)) throw new OpError(op, `dtype must be one of float32, float64, int32, int64. Received: dtype=${String(dtype)}`);
  for (const p of params) {
    if (typeof p !== 'number' || !Number.isFinite(p)) throw new OpError(op, `parameters must be finite numbers. Received: ${params.map(String).join(', ')}`);
  }
  const k = resolveKey(op, key);
  return applyOp(randomOp, [], { key: [k[0], k[1]], shape: [...shape], dtype, distribution, params });
}
