import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import {
  dctMatrix, frame, logMelSpectrogram, melFilterbank, melSpectrogram, mfcc, powerSpectrogram, powerToDb, spectrogram, stft, windowFunction,
} from '../../../src/data/audio/spectral.js';

const fx = JSON.parse(readFileSync(new URL('../../fixtures/data/audio/spectral.json', import.meta.url), 'utf8')) as {
  sampleRate: number; nFft: number; hop: number; numMelBins: number; numMfcc: number; frames: number;
  signal: number[]; power: number[]; fbSlaney: number[]; logMel: number[]; mfcc: number[];
  small: number[]; hammingShape: number[]; hammingReal: number[]; hammingImag: number[];
  blackmanShape: number[]; blackmanReal: number[]; blackmanImag: number[]; fbHtkBand: number[]; melMagSlaney: number[];
};
const signal = () => tsr.tensor(fx.signal);
const small = () => tsr.tensor(fx.small, [2, fx.small.length / 2]);
const opts = { nFft: fx.nFft, hopLength: fx.hop, sampleRate: fx.sampleRate, numMelBins: fx.numMelBins };

function expectClose(actual: ArrayLike<number>, expected: readonly number[], atol: number, rtol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) - rtol * Math.abs(expected[i]!));
  expect(worst).toBeLessThanOrEqual(atol);
}

afterEach(() => tsr.setBackend('onnxruntime'));

describe('frames and STFT', () => {
  it('frames with hop, end padding and reflect centring', async () => {
    const x = tsr.tensor([1, 2, 3, 4, 5, 6, 7]);
    expect(await frame(x, 3, 2).array()).toEqual([[1, 2, 3], [3, 4, 5], [5, 6, 7]]);
    expect(await frame(x, 4, 2, { padEnd: true }).array()).toEqual([[1, 2, 3, 4], [3, 4, 5, 6], [5, 6, 7, 0]]);
    expect(await frame(x, 4, 3, { center: 'reflect' }).array()).toEqual([[3, 2, 1, 2], [2, 3, 4, 5], [5, 6, 7, 6]]);
    expect(await frame(tsr.tensor([[1, 2, 3], [4, 5, 6]]), 2, 1).array()).toEqual([[[1, 2], [2, 3]], [[4, 5], [5, 6]]]);
    expect(() => frame(x, 8, 1)).toThrow('frame: the signal is shorter than one frame (8). Received: 7 samples');
  });

  it('a sine at f Hz peaks in bin round(f·nFft/sr)', async () => {
    const sr = 8000, nFft = 256;
    for (const f of [500, 1234, 3000]) {
      const x = tsr.tensor(Array.from({ length: 2048 }, (_, i) => Math.sin((2 * Math.PI * f * i) / sr)));
      const p = (await spectrogram(x, { nFft }).array()) as number[][];
      const row = p[4]!;
      expect(row.indexOf(Math.max(...row))).toBe(Math.round((f * nFft) / sr));
    }
  });

  it('power spectrogram equals torch.stft (hann, center, reflect)', async () => {
    const p = spectrogram(signal(), opts);
    expect(p.shape).toEqual([fx.frames, fx.nFft / 2 + 1]);
    expectClose((await p.data()) as Float32Array, fx.power, 2e-3, 1e-4);
    expectClose((await powerSpectrogram(signal(), opts).data()) as Float32Array, fx.power, 2e-3, 1e-4);
  });

  it('complex STFT equals torch.stft: batched, short Hamming window with constant centring, Blackman uncentred', async () => {
    const ham = stft(small(), { nFft: 64, hopLength: 16, winLength: 50, window: 'hamming', center: 'constant' });
    expect(ham.real.shape).toEqual(fx.hammingShape);
    expectClose((await ham.real.data()) as Float32Array, fx.hammingReal, 1e-5, 1e-4);
    expectClose((await ham.imag.data()) as Float32Array, fx.hammingImag, 1e-5, 1e-4);
    const blk = stft(small(), { nFft: 64, hopLength: 32, window: 'blackman', center: false });
    expect(blk.imag.shape).toEqual(fx.blackmanShape);
    expectClose((await blk.real.data()) as Float32Array, fx.blackmanReal, 1e-5, 1e-4);
    expectClose((await blk.imag.data()) as Float32Array, fx.blackmanImag, 1e-5, 1e-4);
    expect([...windowFunction('hann', 4)]).toEqual([0, 0.5, 1, 0.5]); // periodic, as torch.hann_window(4)
    expect(() => windowFunction('kaiser' as 'hann', 4)).toThrow("window: expected one of 'hann', 'hamming', 'blackman', 'rectangular'. Received: 'kaiser'");
    expect(() => stft(small(), { nFft: 64, winLength: 65 })).toThrow('stft: winLength must be an integer in 1..nFft (64). Received: winLength=65');
  });

  it('agrees eagerly on both backends and compiled with jit on ONNX Runtime', async () => {
    const f = (x: tsr.Tensor) => {
      const { real, imag } = stft(x, { nFft: 64, hopLength: 16, window: 'hamming' });
      return tsr.concat([real, imag, logMelSpectrogram(x, { nFft: 64, hopLength: 16, sampleRate: 8000, numMelBins: 12 })], 2);
    };
    tsr.setBackend('reference');
    const reference = (await f(small()).data()) as Float32Array;
    tsr.setBackend('onnxruntime');
    const eager = (await f(small()).data()) as Float32Array;
    const compiled = (await (await tsr.jit(f)(small())).data()) as Float32Array;
    expect(compiled.length).toBe(2 * 26 * (33 + 33 + 12));
    expectClose(eager, [...reference], 1e-4, 1e-4);
    expectClose(compiled, [...reference], 1e-4, 1e-4);
  });
});

describe('mel features', () => {
  it('the Slaney filterbank (20–7600 Hz, area-normalised) equals the torchaudio-formula fixture', () => {
    expectClose(melFilterbank(fx.nFft, { ...opts, fMin: 20, fMax: 7600, melScale: 'slaney', norm: 'slaney' }), fx.fbSlaney, 1e-6, 1e-5);
    expectClose(melFilterbank(64, { sampleRate: 8000, numMelBins: 10, fMin: 100, fMax: 3800 }), fx.fbHtkBand, 1e-6, 1e-5);
    expect(() => melFilterbank(256, { sampleRate: 8000, numMelBins: 10, fMax: 5000 })).toThrow('melFilterbank: need 0 ≤ fMin < fMax ≤ sampleRate/2 (4000). Received: fMin=0, fMax=5000');
  });

  it('a magnitude mel spectrogram with the Slaney filterbank equals the fixture; the DCT is orthonormal', async () => {
    const first = tsr.slice(small(), [0, 0], [1, -1]).reshape([-1]);
    const mel = melSpectrogram(first, { nFft: 64, hopLength: 16, sampleRate: 8000, numMelBins: 12, melScale: 'slaney', norm: 'slaney', power: 1 });
    expect(mel.shape).toEqual([26, 12]);
    expectClose((await mel.data()) as Float32Array, fx.melMagSlaney, 1e-5, 1e-4);
    const d = dctMatrix(8, 8); // D^T D = I for the square orthonormal DCT-II
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) {
      let dot = 0;
      for (let k = 0; k < 8; k++) dot += d[i * 8 + k]! * d[j * 8 + k]!;
      expect(dot).toBeCloseTo(i === j ? 1 : 0, 6);
    }
  });

  it('log-mel and MFCC equal the fixtures, on the reference backend and compiled on ONNX Runtime', async () => {
    for (const backend of ['reference', 'onnxruntime'] as const) {
      tsr.setBackend(backend);
      const lm = logMelSpectrogram(signal(), opts);
      expect(lm.shape).toEqual([fx.frames, fx.numMelBins]);
      expectClose((await lm.data()) as Float32Array, fx.logMel, 2e-3, 1e-4);
      const features = backend === 'onnxruntime'
        ? await tsr.jit((x: tsr.Tensor) => mfcc(x, { ...opts, numMfcc: fx.numMfcc }))(signal())
        : mfcc(signal(), { ...opts, numMfcc: fx.numMfcc });
      expect(features.shape).toEqual([fx.frames, fx.numMfcc]);
      expectClose((await features.data()) as Float32Array, fx.mfcc, 5e-3, 1e-4);
    }
  });

  it('works on batches [batch, samples] and differentiates (gradient against finite differences)', async () => {
    const batch = tsr.stack([signal(), tsr.mul(signal(), 0.5)]);
    const lm = logMelSpectrogram(batch, opts);
    expect(lm.shape).toEqual([2, fx.frames, fx.numMelBins]);
    const rows = (await lm.array()) as number[][][];
    // Half the amplitude: a quarter of the power, log(1/4) lower (where the offset is negligible).
    expect(rows[1]![3]![5]! - rows[0]![3]![5]!).toBeCloseTo(Math.log(0.25), 2);
    const small = tsr.tensor(Array.from({ length: 48 }, (_, i) => Math.sin(i * 0.7) + 0.1 * Math.cos(i * 2.1)));
    const check = tsr.gradcheck((x) => logMelSpectrogram(x, { nFft: 16, hopLength: 8, sampleRate: 8000, numMelBins: 4, offset: 1e-3 }), [small]);
    expect(check.ok).toBe(true);
    // At full size through grad: finite everywhere, and not all zero.
    const g = (await tsr.grad((x: tsr.Tensor) => logMelSpectrogram(x, opts).sum())(signal()).data()) as Float32Array;
    expect(g.length).toBe(fx.signal.length);
    expect(g.every(Number.isFinite)).toBe(true);
    expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(0);
    // A floor instead of an offset: log(max(mel, floor)), so silence reads log(floor).
    const silent = logMelSpectrogram(tsr.zeros([256]), { nFft: 64, hopLength: 32, sampleRate: 8000, numMelBins: 4, floor: 1e-5 });
    expect(((await silent.data()) as Float32Array).every((v) => Math.abs(v - Math.log(1e-5)) < 1e-4)).toBe(true);
    expect(() => logMelSpectrogram(signal(), { ...opts, floor: 1e-5, offset: 1e-6 })).toThrow('logMelSpectrogram: give offset or floor, not both. Received: offset=0.000001, floor=0.00001');
    const db = (await powerToDb(tsr.tensor([1, 100, 0])).array()) as number[];
    [0, 20, -100].forEach((v, i) => expect(db[i]).toBeCloseTo(v, 4));
  });
});
