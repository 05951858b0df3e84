/**
 * Band-limited resampling by windowed-sinc interpolation (a Hann-windowed sinc with the cut-off at
 * the lower Nyquist frequency, 16 zero crossings each side): content above the new Nyquist is
 * attenuated instead of aliased. Host code on Float32Arrays: resampling happens once per file,
 * while decoding, not in the graph.
 */
import { TesseraError } from '../../core/errors.js';

export function resample(signal: Float32Array, fromRate: number, toRate: number, options: { zeroCrossings?: number } = {}): Float32Array {
  for (const [k, v] of [['fromRate', fromRate], ['toRate', toRate]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new TesseraError(`resample: ${k} must be a positive number. Received: ${k}=${v}`);
  }
  if (fromRate === toRate) return signal.slice();
  const ratio = toRate / fromRate;
  const n = Math.round(signal.length * ratio);
  const out = new Float32Array(n);
  const cutoff = Math.min(1, ratio); // of the input Nyquist
  const zeros = options.zeroCrossings ?? 16;
  const half = zeros / cutoff; // half-width of the kernel in input samples
  for (let j = 0; j < n; j++) {
    const t = j / ratio; // position in input samples
    const lo = Math.max(0, Math.ceil(t - half));
    const hi = Math.min(signal.length - 1, Math.floor(t + half));
    let acc = 0;
    for (let i = lo; i <= hi; i++) {
      const x = (i - t) * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * (i - t)) / half);
      acc += signal[i]! * sinc * window;
    }
    out[j] = acc * cutoff;
  }
  return out;
}
