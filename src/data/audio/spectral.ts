/**
 * Spectral features as tensor functions built from primitive ops (gather, mul, matmul, log), so
 * they differentiate and run inside a compiled graph — a model can take raw waveforms and compute
 * its own log-mel input. Conventions follow torch.stft and torchaudio (MelSpectrogram, MFCC with
 * log_mels), except the layout: time-major, [..., frames, bins], the channels-last layout Conv1D
 * and recurrent layers take.
 *
 * The DFT is a matmul with cos/sin bases: at speech sizes (nFft 256–1024) one GEMM is as fast as an
 * FFT would be, and ONNX's DFT operator has no gradient in ONNX Runtime.
 */
import { TesseraError } from '../../core/errors.js';
import { Tensor, fromData, toTensor, type TensorLike } from '../../core/tensor.js';
import { add } from '../../ops/elementwise/add.js';
import { log } from '../../ops/elementwise/log.js';
import { mul } from '../../ops/elementwise/mul.js';
import { square } from '../../ops/elementwise/square.js';
import { sqrt } from '../../ops/elementwise/sqrt.js';
import { gather } from '../../ops/indexing/gather.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { concat } from '../../ops/shape/concat.js';
import { maximum } from '../../ops/elementwise/maximum.js';

export type WindowName = 'hann' | 'hamming' | 'blackman' | 'rectangular';

const WINDOWS: Record<WindowName, (phase: number) => number> = {
  hann: (p) => 0.5 - 0.5 * Math.cos(p),
  hamming: (p) => 0.54 - 0.46 * Math.cos(p),
  blackman: (p) => 0.42 - 0.5 * Math.cos(p) + 0.08 * Math.cos(2 * p),
  rectangular: () => 1,
};

/** A periodic window of `length` (torch.hann_window & co. with their default periodic=True). */
export function windowFunction(name: WindowName, length: number): Float32Array {
  const shape = Object.hasOwn(WINDOWS, name) ? WINDOWS[name] : undefined;
  if (!shape) throw new TesseraError(`window: expected one of ${Object.keys(WINDOWS).map((k) => `'${k}'`).join(', ')}. Received: '${String(name)}'`);
  checkPositive('window', 'length', length);
  return Float32Array.from({ length }, (_, n) => shape((2 * Math.PI * n) / length));
}

/** A host-computed matrix in the signal's precision (float64 signals, e.g. in gradient checks, stay float64). */
function constantLike(values: Float32Array, shape: number[], like: Tensor): Tensor {
  return like.dtype === 'float64' ? fromData(Float64Array.from(values), shape, 'float64') : fromData(values, shape, 'float32');
}

function checkPositive(op: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new TesseraError(`${op}: ${name} must be an integer ≥ 1. Received: ${name}=${v}`);
}

export interface FrameOptions {
  /** Pads the end with zeros so that the last samples start a frame too. Default false. */
  padEnd?: boolean;
  /** Pads frameLength/2 samples on both sides (torch.stft's center=True) with this mode. */
  center?: 'reflect' | 'constant' | false;
}

/**
 * Overlapping frames of the last axis: [..., samples] → [..., frames, frameLength]. One gather with
 * a precomputed index table (which also does center/reflect padding); out-of-range positions of
 * constant padding read an appended zero.
 */
export function frame(signal: TensorLike, frameLength: number, hopLength: number, options: FrameOptions = {}): Tensor {
  checkPositive('frame', 'frameLength', frameLength);
  checkPositive('frame', 'hopLength', hopLength);
  let x = toTensor(signal);
  if (x.rank < 1) throw new TesseraError('frame: the signal needs a time axis. Received: a scalar');
  const n = x.shape[x.rank - 1]!;
  const pad = options.center ? Math.floor(frameLength / 2) : 0;
  if (options.center === 'reflect' && n <= pad) {
    throw new TesseraError(`frame: reflect padding needs more than frameLength/2 = ${pad} samples. Received: ${n} samples`);
  }
  let padded = n + 2 * pad;
  if (padded < frameLength && !options.padEnd) {
    throw new TesseraError(`frame: the signal is shorter than one frame (${frameLength}). Received: ${n} samples`);
  }
  let frames = padded < frameLength ? 1 : Math.floor((padded - frameLength) / hopLength) + 1;
  if (options.padEnd && padded > frameLength) frames = Math.ceil((padded - frameLength) / hopLength) + 1;
  padded = Math.max(padded, (frames - 1) * hopLength + frameLength);
  const zeroAt = n; // index of an appended zero sample
  const needsZero = options.center === 'constant' || padded > n + 2 * pad;
  const index = new Int32Array(frames * frameLength);
  for (let f = 0; f < frames; f++) {
    for (let k = 0; k < frameLength; k++) {
      let p = f * hopLength + k - pad;
      if (p < 0 || p >= n) {
        if (options.center === 'reflect' && p >= -pad && p < n + pad) p = p < 0 ? -p : 2 * (n - 1) - p;
        else p = zeroAt;
      }
      index[f * frameLength + k] = p;
    }
  }
  if (needsZero) x = concatZero(x);
  return gather(x, fromData(index, [frames, frameLength], 'int32'), x.rank - 1);
}

function concatZero(x: Tensor): Tensor {
  // A zero sample appended on the time axis (a matmul-free pad keeps the graph small).
  const zeros = new Float32Array(x.shape.slice(0, -1).reduce((a, b) => a * b, 1));
  const z = constantLike(zeros, [...x.shape.slice(0, -1), 1], x);
  return concatLast(x, z);
}

function concatLast(a: Tensor, b: Tensor): Tensor {
  return concat([a, b], a.rank - 1);
}

export interface StftOptions {
  /** FFT size (frame length). */
  nFft: number;
  /** Default nFft / 4 (torch's default). */
  hopLength?: number;
  /** Window length ≤ nFft, centred in the frame (torch). Default nFft. */
  winLength?: number;
  window?: WindowName;
  /** torch.stft's center=True with reflect padding (default), 'constant', or false. */
  center?: 'reflect' | 'constant' | false;
}

/** cos/sin DFT bases for the one-sided spectrum, with the window folded in: [nFft, nFft/2+1] each. */
function dftBases(nFft: number, window: Float32Array, like: Tensor): [Tensor, Tensor] {
  const bins = Math.floor(nFft / 2) + 1;
  const cos = new Float32Array(nFft * bins);
  const sin = new Float32Array(nFft * bins);
  for (let n = 0; n < nFft; n++) {
    for (let k = 0; k < bins; k++) {
      // (n·k mod nFft) keeps the angle small, so float64 cos/sin stay exact for large n·k.
      const angle = (2 * Math.PI * ((n * k) % nFft)) / nFft;
      cos[n * bins + k] = window[n]! * Math.cos(angle);
      sin[n * bins + k] = -window[n]! * Math.sin(angle);
    }
  }
  return [constantLike(cos, [nFft, bins], like), constantLike(sin, [nFft, bins], like)];
}

function stftParts(signal: TensorLike, options: StftOptions): [Tensor, Tensor] {
  const { nFft } = options;
  checkPositive('stft', 'nFft', nFft);
  const hop = options.hopLength ?? Math.floor(nFft / 4);
  const winLength = options.winLength ?? nFft;
  if (!Number.isInteger(winLength) || winLength < 1 || winLength > nFft) throw new TesseraError(`stft: winLength must be an integer in 1..nFft (${nFft}). Received: winLength=${winLength}`);
  const w = windowFunction(options.window ?? 'hann', winLength);
  const window = new Float32Array(nFft);
  window.set(w, Math.floor((nFft - winLength) / 2));
  const frames = frame(signal, nFft, hop, { center: options.center === undefined ? 'reflect' : options.center });
  const [cos, sin] = dftBases(nFft, window, frames);
  return [matmul(frames, cos), matmul(frames, sin)];
}

/** The short-time Fourier transform: {real, imag}, each [..., frames, nFft/2+1]. */
export function stft(signal: TensorLike, options: StftOptions): { real: Tensor; imag: Tensor } {
  const [real, imag] = stftParts(signal, options);
  return { real, imag };
}

/** |STFT|^power: power 2 (default) is the power spectrogram, 1 the magnitude (torchaudio's Spectrogram). */
export function spectrogram(signal: TensorLike, options: StftOptions & { power?: 1 | 2 }): Tensor {
  const [re, im] = stftParts(signal, options);
  const p = add(square(re), square(im));
  return (options.power ?? 2) === 2 ? p : sqrt(p);
}

/** |STFT|², [..., frames, nFft/2+1]. */
export function powerSpectrogram(signal: TensorLike, options: StftOptions): Tensor {
  return spectrogram(signal, { ...options, power: 2 });
}

export interface MelOptions {
  sampleRate: number;
  numMelBins: number;
  fMin?: number;
  /** Default sampleRate / 2. */
  fMax?: number;
  /** 'htk' (default, torchaudio's) or 'slaney' (librosa's default). */
  melScale?: 'htk' | 'slaney';
  /** 'slaney' scales each filter to unit area (librosa's default); null leaves peaks at 1 (torchaudio's default). */
  norm?: 'slaney' | null;
}

function hzToMel(f: number, scale: 'htk' | 'slaney'): number {
  if (scale === 'htk') return 2595 * Math.log10(1 + f / 700);
  const fSp = 200 / 3;
  return f < 1000 ? f / fSp : 1000 / fSp + Math.log(f / 1000) / (Math.log(6.4) / 27);
}

function melToHz(m: number, scale: 'htk' | 'slaney'): number {
  if (scale === 'htk') return 700 * (10 ** (m / 2595) - 1);
  const fSp = 200 / 3;
  const minLogMel = 1000 / fSp;
  return m < minLogMel ? m * fSp : 1000 * Math.exp((Math.log(6.4) / 27) * (m - minLogMel));
}

/** Triangular mel filters as a matrix [nFft/2+1, numMelBins] (torchaudio's melscale_fbanks). */
export function melFilterbank(nFft: number, options: MelOptions): Float32Array {
  const { sampleRate, numMelBins } = options;
  checkPositive('melFilterbank', 'numMelBins', numMelBins);
  checkPositive('melFilterbank', 'sampleRate', sampleRate);
  const fMin = options.fMin ?? 0;
  const fMax = options.fMax ?? sampleRate / 2;
  if (!(fMin >= 0 && fMax > fMin && fMax <= sampleRate / 2)) {
    throw new TesseraError(`melFilterbank: need 0 ≤ fMin < fMax ≤ sampleRate/2 (${sampleRate / 2}). Received: fMin=${fMin}, fMax=${fMax}`);
  }
  const scale = options.melScale ?? 'htk';
  const bins = Math.floor(nFft / 2) + 1;
  const top = Math.floor(sampleRate / 2); // torchaudio spaces the bins up to sample_rate // 2
  const freqs = Array.from({ length: bins }, (_, i) => (bins === 1 ? 0 : (top * i) / (bins - 1)));
  const mMin = hzToMel(fMin, scale);
  const mMax = hzToMel(fMax, scale);
  const fPts = Array.from({ length: numMelBins + 2 }, (_, i) => melToHz(mMin + ((mMax - mMin) * i) / (numMelBins + 1), scale));
  const fb = new Float32Array(bins * numMelBins);
  for (let m = 0; m < numMelBins; m++) {
    const [l, c, r] = [fPts[m]!, fPts[m + 1]!, fPts[m + 2]!];
    const enorm = options.norm === 'slaney' ? 2 / (r - l) : 1;
    for (let i = 0; i < bins; i++) {
      const down = (freqs[i]! - l) / (c - l);
      const up = (r - freqs[i]!) / (r - c);
      fb[i * numMelBins + m] = Math.max(0, Math.min(down, up)) * enorm;
    }
  }
  return fb;
}

/** Mel spectrogram [..., frames, numMelBins] of a waveform [..., samples]. */
export function melSpectrogram(signal: TensorLike, options: StftOptions & MelOptions & { power?: 1 | 2 }): Tensor {
  const power = spectrogram(signal, options);
  const fb = melFilterbank(options.nFft, options);
  return matmul(power, constantLike(fb, [Math.floor(options.nFft / 2) + 1, options.numMelBins], power));
}

export interface LogOptions {
  /** log(mel + offset): default 1e-6 (torchaudio MFCC's log_mels=True). */
  offset?: number;
  /** log(max(mel, floor)) instead of the offset (TF's log-mel recipes; its gradient is 0 below the floor). */
  floor?: number;
}

/** log(mel + offset), or log(max(mel, floor)): [..., frames, numMelBins]. */
export function logMelSpectrogram(signal: TensorLike, options: StftOptions & MelOptions & LogOptions & { power?: 1 | 2 }): Tensor {
  const mel = melSpectrogram(signal, options);
  if (options.floor !== undefined && options.offset !== undefined) {
    throw new TesseraError(`logMelSpectrogram: give offset or floor, not both. Received: offset=${options.offset}, floor=${options.floor}`);
  }
  const guard = options.floor ?? options.offset ?? 1e-6;
  if (!(guard > 0)) throw new TesseraError(`logMelSpectrogram: ${options.floor !== undefined ? 'floor' : 'offset'} must be > 0 (log of 0 is -Infinity). Received: ${guard}`);
  return log(options.floor !== undefined ? maximum(mel, guard) : add(mel, guard));
}

/** The orthonormal DCT-II matrix [n, numCoefficients] (torchaudio's create_dct with norm='ortho'). */
export function dctMatrix(n: number, numCoefficients: number): Float32Array {
  checkPositive('dctMatrix', 'n', n);
  if (!Number.isInteger(numCoefficients) || numCoefficients < 1 || numCoefficients > n) {
    throw new TesseraError(`mfcc: numMfcc must be an integer in 1..numMelBins (${n}). Received: numMfcc=${numCoefficients}`);
  }
  const out = new Float32Array(n * numCoefficients);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < numCoefficients; k++) {
      const scale = k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n);
      out[i * numCoefficients + k] = scale * Math.cos((Math.PI / n) * (i + 0.5) * k);
    }
  }
  return out;
}

/**
 * MFCCs [..., frames, numMfcc]: DCT-II (ortho) of the natural-log mel spectrogram, as torchaudio's
 * MFCC with log_mels=True. (Its default, log_mels=False, takes decibels clipped at top_db=80
 * instead: matmul(powerToDb(melSpectrogram(x, o)), dctMatrix(…)) gives that without the clip.)
 */
export function mfcc(signal: TensorLike, options: StftOptions & MelOptions & LogOptions & { numMfcc: number; power?: 1 | 2 }): Tensor {
  const logMel = logMelSpectrogram(signal, options);
  return matmul(logMel, constantLike(dctMatrix(options.numMelBins, options.numMfcc), [options.numMelBins, options.numMfcc], logMel));
}

/** Power to decibels, 10·log10(max(power, amin)) (torchaudio's AmplitudeToDB, without top_db). */
export function powerToDb(power: TensorLike, options: { amin?: number } = {}): Tensor {
  return mul(log(maximum(toTensor(power), options.amin ?? 1e-10)), 10 / Math.LN10);
}
