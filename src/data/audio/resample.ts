/**
 * Band-limited resampling by windowed-sinc interpolation (a Hann-windowed sinc with the cut-off at
 * the lower Nyquist frequency, 16 zero crossings each side): content above the new Nyquist is
 * attenuated instead of aliased. Host code on Float32Arrays: resampling happens once per file,
 * while decoding, not in the graph.
 *
 * For integer rates the kernel is evaluated once per phase (polyphase: output j sits at phase
 * (j·from) mod to/gcd between input samples) instead of once per tap, which makes 44.1/48 → 16 kHz
 * ~10× faster (measured: 48 → 16 kHz, 1 s, 38 → 2.3 ms); the result is the same filter.
 */
import { TesseraError } from '../../core/errors.js';

/** Polyphase tables are used up to this many phases (to/gcd); beyond, the kernel is evaluated per tap. */
const MAX_PHASES = 4096;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function resample(signal: Float32Array, fromRate: number, toRate: number, options: { zeroCrossings?: number } = {}): Float32Array {
  for (const [k, v] of [['fromRate', fromRate], ['toRate', toRate]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new TesseraError(`resample: ${k} must be a positive number. Received: ${k}=${v}`);
  }
  const zeros = options.zeroCrossings ?? 16;
  if (!Number.isInteger(zeros) || zeros < 1) throw new TesseraError(`resample: zeroCrossings must be an integer ≥ 1. Received: zeroCrossings=${zeros}`);
  if (fromRate === toRate) return signal.slice();
  const ratio = toRate / fromRate;
  const n = Math.round(signal.length * ratio);
  const cutoff = Math.min(1, ratio); // of the input Nyquist
  const half = zeros / cutoff; // half-width of the kernel in input samples
  /** The kernel at distance x (input samples) from the output position, scaled to unit DC gain. */
  const kernel = (x: number): number => {
    const s = x * cutoff;
    const sinc = s === 0 ? 1 : Math.sin(Math.PI * s) / (Math.PI * s);
    return sinc * (0.5 + 0.5 * Math.cos((Math.PI * x) / half)) * cutoff;
  };
  const out = new Float32Array(n);
  const g = Number.isInteger(fromRate) && Number.isInteger(toRate) ? gcd(fromRate, toRate) : 0;
  if (g > 0 && toRate / g <= MAX_PHASES) {
    const from = fromRate / g;
    const phases = toRate / g;
    // Phase p: the output lies p/phases of an input sample after `base`; taps k from first[p] on.
    const first = new Int32Array(phases);
    const taps: Float32Array[] = [];
    for (let p = 0; p < phases; p++) {
      const frac = p / phases;
      const lo = Math.ceil(frac - half);
      const hi = Math.floor(frac + half);
      first[p] = lo;
      taps.push(Float32Array.from({ length: hi - lo + 1 }, (_, k) => kernel(lo + k - frac)));
    }
    for (let j = 0; j < n; j++) {
      const base = Math.floor((j * from) / phases);
      const p = (j * from) % phases;
      const w = taps[p]!;
      const start = base + first[p]!;
      const k0 = Math.max(0, -start);
      const k1 = Math.min(w.length, signal.length - start);
      let acc = 0;
      for (let k = k0; k < k1; k++) acc += signal[start + k]! * w[k]!;
      out[j] = acc;
    }
    return out;
  }
  for (let j = 0; j < n; j++) {
    const t = j / ratio; // position in input samples
    const lo = Math.max(0, Math.ceil(t - half));
    const hi = Math.min(signal.length - 1, Math.floor(t + half));
    let acc = 0;
    for (let i = lo; i <= hi; i++) acc += signal[i]! * kernel(i - t);
    out[j] = acc;
  }
  return out;
}
