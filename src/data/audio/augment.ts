/**
 * Waveform length fixing and seeded augmentation on the host (Float32Array samples in [-1, 1]).
 * Each augmentation takes a `random` generator (tsr.data.hostRandom(seed, epoch, index)) or a
 * `seed`, so a sample's augmentation depends only on its seeds, not on the order in which a
 * parallel map runs.
 */
import { TesseraError } from '../../core/errors.js';
import { Tensor } from '../../core/tensor.js';
import { pad } from '../../ops/shape/pad.js';
import { hostRandom } from '../random.js';

/** Where an augmentation draws from: a generator, or a seed for a fresh one. */
export interface RandomSource {
  random?: () => number;
  seed?: number;
}

function generator(op: string, options: RandomSource): () => number {
  if ((options.random === undefined) === (options.seed === undefined)) {
    throw new TesseraError(`${op}: give exactly one of random (a generator such as tsr.data.hostRandom(seed, epoch, index)) or seed. Received: ${options.random ? 'both' : 'neither'}`);
  }
  if (options.random) return options.random;
  if (!Number.isInteger(options.seed)) throw new TesseraError(`${op}: seed must be an integer. Received: seed=${options.seed}`);
  return hostRandom(options.seed!);
}

/**
 * Cuts or zero-pads the last axis (at the end, or centred with `center`) to exactly `length`
 * samples. A Float32Array gives a Float32Array (host); a Tensor [..., samples] gives a Tensor
 * (a pad/crop op, so it also runs in a compiled graph and differentiates).
 */
export function padOrTrim(signal: Float32Array, length: number, options?: { center?: boolean }): Float32Array;
export function padOrTrim(signal: Tensor, length: number, options?: { center?: boolean }): Tensor;
export function padOrTrim(signal: Float32Array | Tensor, length: number, options: { center?: boolean } = {}): Float32Array | Tensor {
  if (!Number.isInteger(length) || length < 0) throw new TesseraError(`padOrTrim: length must be an integer ≥ 0. Received: length=${length}`);
  if (signal instanceof Tensor) {
    if (signal.rank < 1) throw new TesseraError('padOrTrim: the signal needs a time axis. Received: a scalar');
    // Constant padding with negative amounts crops (tsr.pad), so one op does both.
    const excess = length - signal.shape[signal.rank - 1]!;
    const before = options.center ? Math.trunc(excess / 2) : 0;
    return pad(signal, [...signal.shape.slice(0, -1).map(() => [0, 0]), [before, excess - before]]);
  }
  if (signal.length === length) return signal;
  const out = new Float32Array(length);
  if (signal.length > length) {
    const start = options.center ? Math.floor((signal.length - length) / 2) : 0;
    out.set(signal.subarray(start, start + length));
  } else {
    out.set(signal, options.center ? Math.floor((length - signal.length) / 2) : 0);
  }
  return out;
}

function rms(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / Math.max(1, x.length));
}

/** Standard normal draws from a uniform generator (Box–Muller). */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Adds white Gaussian noise at `snrDb` below the signal's power, or of a fixed `amplitude` (std). */
export function addNoise(signal: Float32Array, options: { snrDb?: number; amplitude?: number } & RandomSource): Float32Array {
  if ((options.snrDb === undefined) === (options.amplitude === undefined)) {
    throw new TesseraError(`addNoise: give exactly one of snrDb or amplitude. Received: snrDb=${options.snrDb}, amplitude=${options.amplitude}`);
  }
  const std = options.amplitude ?? rms(signal) / 10 ** (options.snrDb! / 20);
  const normal = gaussian(generator('addNoise', options));
  return Float32Array.from(signal, (v) => v + std * normal());
}

/** Mixes a random stretch of `noise` (looped if short) into the signal, scaled to `snrDb` below it. */
export function mixBackground(signal: Float32Array, noise: Float32Array, options: { snrDb: number } & RandomSource): Float32Array {
  if (noise.length === 0) throw new TesseraError('mixBackground: the noise clip is empty. Received: 0 samples');
  const start = Math.floor(generator('mixBackground', options)() * noise.length);
  const piece = Float32Array.from(signal, (_, i) => noise[(start + i) % noise.length]!);
  const noiseRms = rms(piece);
  const gain = noiseRms === 0 ? 0 : rms(signal) / 10 ** (options.snrDb / 20) / noiseRms;
  return Float32Array.from(signal, (v, i) => v + gain * piece[i]!);
}

/** Shifts by up to ±maxShift samples (zeros fill the gap). */
export function randomTimeShift(signal: Float32Array, options: { maxShift: number } & RandomSource): Float32Array {
  if (!Number.isInteger(options.maxShift) || options.maxShift < 0) {
    throw new TesseraError(`randomTimeShift: maxShift must be an integer ≥ 0 (samples). Received: maxShift=${options.maxShift}`);
  }
  const shift = Math.round((generator('randomTimeShift', options)() * 2 - 1) * options.maxShift);
  const out = new Float32Array(signal.length);
  for (let i = 0; i < signal.length; i++) {
    const j = i - shift;
    if (j >= 0 && j < signal.length) out[i] = signal[j]!;
  }
  return out;
}

/** Scales by a gain drawn uniformly in decibels from [minDb, maxDb]. */
export function randomGain(signal: Float32Array, options: { minDb: number; maxDb: number } & RandomSource): Float32Array {
  if (!(options.minDb <= options.maxDb)) {
    throw new TesseraError(`randomGain: need minDb ≤ maxDb. Received: minDb=${options.minDb}, maxDb=${options.maxDb}`);
  }
  const db = options.minDb + generator('randomGain', options)() * (options.maxDb - options.minDb);
  const g = 10 ** (db / 20);
  return Float32Array.from(signal, (v) => v * g);
}
