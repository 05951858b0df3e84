/**
 * Waveform length fixing and seeded augmentation on the host (Float32Array samples in [-1, 1]).
 * Each function takes a `random` generator (tsr.data.hostRandom(seed, epoch, index)), so a sample's
 * augmentation depends only on its seeds, not on the order in which a parallel map runs.
 */
import { TesseraError } from '../../core/errors.js';

/** Cuts or zero-pads (at the end, or centred with `center`) to exactly `length` samples. */
export function padOrTrim(signal: Float32Array, length: number, options: { center?: boolean } = {}): Float32Array {
  if (!Number.isInteger(length) || length < 0) throw new TesseraError(`padOrTrim: length must be an integer ≥ 0. Received: length=${length}`);
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
export function addNoise(signal: Float32Array, options: { snrDb?: number; amplitude?: number; random: () => number }): Float32Array {
  if ((options.snrDb === undefined) === (options.amplitude === undefined)) {
    throw new TesseraError('addNoise: give exactly one of snrDb or amplitude');
  }
  const std = options.amplitude ?? rms(signal) / 10 ** (options.snrDb! / 20);
  const normal = gaussian(options.random);
  return Float32Array.from(signal, (v) => v + std * normal());
}

/** Mixes a random stretch of `noise` (looped if short) into the signal, scaled to `snrDb` below it. */
export function mixBackground(signal: Float32Array, noise: Float32Array, options: { snrDb: number; random: () => number }): Float32Array {
  if (noise.length === 0) throw new TesseraError('mixBackground: the noise clip is empty');
  const start = Math.floor(options.random() * noise.length);
  const piece = Float32Array.from(signal, (_, i) => noise[(start + i) % noise.length]!);
  const noiseRms = rms(piece);
  const gain = noiseRms === 0 ? 0 : rms(signal) / 10 ** (options.snrDb / 20) / noiseRms;
  return Float32Array.from(signal, (v, i) => v + gain * piece[i]!);
}

/** Shifts by up to ±maxShift samples (zeros fill the gap). */
export function randomTimeShift(signal: Float32Array, options: { maxShift: number; random: () => number }): Float32Array {
  const shift = Math.round((options.random() * 2 - 1) * options.maxShift);
  const out = new Float32Array(signal.length);
  for (let i = 0; i < signal.length; i++) {
    const j = i - shift;
    if (j >= 0 && j < signal.length) out[i] = signal[j]!;
  }
  return out;
}

/** Scales by a gain drawn uniformly in decibels from [minDb, maxDb]. */
export function randomGain(signal: Float32Array, options: { minDb: number; maxDb: number; random: () => number }): Float32Array {
  const db = options.minDb + options.random() * (options.maxDb - options.minDb);
  const g = 10 ** (db / 20);
  return Float32Array.from(signal, (v) => v * g);
}
