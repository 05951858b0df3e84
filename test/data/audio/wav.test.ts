import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audioToTensor, decodeWav, encodeWav, readWav, toMono } from '../../../src/data/audio/wav.js';
import { resample } from '../../../src/data/audio/resample.js';

/** A WAV written byte by byte (not by the library under test): PCM or float, interleaved. */
function wavBytes(samples: number[][], rate: number, bits: 8 | 16 | 24 | 32, float = false): Uint8Array {
  const ch = samples.length;
  const n = samples[0]!.length;
  const bps = bits / 8;
  const data = Buffer.alloc(n * ch * bps);
  for (let i = 0; i < n; i++) for (let c = 0; c < ch; c++) {
    const v = samples[c]![i]!;
    const at = (i * ch + c) * bps;
    if (float) data.writeFloatLE(v, at);
    else if (bits === 8) data.writeUInt8(Math.round(v * 127) + 128, at);
    else if (bits === 16) data.writeInt16LE(Math.round(v * 32767), at);
    else if (bits === 24) data.writeIntLE(Math.round(v * 8388607), at, 3);
    else data.writeInt32LE(Math.round(v * 2147483647), at);
  }
  const head = Buffer.alloc(44);
  head.write('RIFF', 0); head.writeUInt32LE(36 + data.length, 4); head.write('WAVE', 8);
  head.write('fmt ', 12); head.writeUInt32LE(16, 16); head.writeUInt16LE(float ? 3 : 1, 20); head.writeUInt16LE(ch, 22);
  head.writeUInt32LE(rate, 24); head.writeUInt32LE(rate * ch * bps, 28); head.writeUInt16LE(ch * bps, 32); head.writeUInt16LE(bits, 34);
  head.write('data', 36); head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

const sine = (f: number, rate: number, n: number, a = 0.5) => Array.from({ length: n }, (_, i) => a * Math.sin((2 * Math.PI * f * i) / rate));

describe('WAV', () => {
  it.each([[8, false, 1 / 127], [16, false, 1 / 32767], [24, false, 1e-6], [32, false, 1e-8], [32, true, 1e-7]] as const)(
    'decodes %i-bit (float %s) samples of a known sine into [-1, 1]', (bits, float, tol) => {
      const s = sine(440, 8000, 64);
      const audio = decodeWav(wavBytes([s], 8000, bits, float));
      expect(audio.sampleRate).toBe(8000);
      expect(audio.channels).toHaveLength(1);
      audio.channels[0]!.forEach((v, i) => expect(Math.abs(v - s[i]!)).toBeLessThanOrEqual(tol * 1.5 + 1e-7));
    });

  it('keeps channels apart, mixes down, and round-trips through encodeWav', async () => {
    const left = sine(100, 8000, 32, 0.8);
    const right = sine(200, 8000, 32, -0.4);
    const audio = decodeWav(wavBytes([left, right], 8000, 16));
    expect(audio.channels[1]![5]).toBeCloseTo(right[5]!, 4);
    expect(toMono(audio)[7]).toBeCloseTo((left[7]! + right[7]!) / 2, 4);
    expect(audioToTensor(audio).shape).toEqual([2, 32]);
    expect(audioToTensor(audio, { mono: true }).shape).toEqual([32]);
    for (const bitDepth of [16, 24, '32f'] as const) {
      const again = decodeWav(encodeWav(audio, { bitDepth }));
      again.channels.forEach((c, k) => c.forEach((v, i) => expect(v).toBeCloseTo(audio.channels[k]![i]!, 4)));
    }
    const dir = mkdtempSync(join(tmpdir(), 'wav-'));
    writeFileSync(join(dir, 'a.wav'), encodeWav(audio));
    expect((await readWav(join(dir, 'a.wav'))).channels).toHaveLength(2);
  });

  it('rejects corrupt and truncated files with the file named', async () => {
    const good = wavBytes([sine(440, 8000, 100)], 8000, 16);
    expect(() => decodeWav(good.subarray(0, 8), "'x.wav'")).toThrow("decodeWav: 'x.wav' is not a valid WAV file: expected a 12-byte RIFF header. Received: 8 bytes");
    expect(() => decodeWav(good.subarray(0, 100), "'x.wav'")).toThrow("decodeWav: 'x.wav' is not a valid WAV file: the data chunk declares 200 bytes but only 56 follow (truncated file?)");
    const mp3ish = Buffer.from(good); mp3ish.writeUInt16LE(85, 20);
    expect(() => decodeWav(mp3ish)).toThrow('only PCM and IEEE float samples are supported (format 1, 3 or extensible). Received: format 85');
    const noChannels = Buffer.from(good); noChannels.writeUInt16LE(0, 22);
    expect(() => decodeWav(noChannels)).toThrow('expected at least one channel. Received: 0');
    const notWav = Buffer.from(good); notWav.write('RIFX', 0);
    expect(() => decodeWav(notWav)).toThrow("expected 'RIFF' … 'WAVE'. Received: 'RIFX' … 'WAVE'");
    expect(() => decodeWav(good.subarray(0, 36))).toThrow("no 'data' chunk");
    await expect(readWav('/nonexistent.wav')).rejects.toThrow("readWav: cannot read '/nonexistent.wav'");
  });
});

describe('resample', () => {
  const amplitudeAt = (x: Float32Array, f: number, rate: number): number => {
    let re = 0, im = 0;
    x.forEach((v, i) => { re += v * Math.cos((2 * Math.PI * f * i) / rate); im += v * Math.sin((2 * Math.PI * f * i) / rate); });
    return (2 * Math.hypot(re, im)) / x.length;
  };
  it('keeps a sine in band (frequency and amplitude) and removes content above the new Nyquist', () => {
    const x = Float32Array.from(sine(1000, 48000, 4800, 0.5).map((v, i) => v + 0.3 * Math.sin((2 * Math.PI * 12000 * i) / 48000)));
    const y = resample(x, 48000, 16000);
    expect(y.length).toBe(1600);
    // Away from the edges: 1 kHz at 0.5; the 12 kHz tone (above 8 kHz) would alias to 4 kHz.
    const mid = y.subarray(200, 1400);
    expect(amplitudeAt(mid, 1000, 16000)).toBeCloseTo(0.5, 2);
    expect(amplitudeAt(mid, 4000, 16000)).toBeLessThan(0.01);
    const up = resample(Float32Array.from(sine(440, 8000, 800)), 8000, 16000);
    expect(up.length).toBe(1600);
    expect(amplitudeAt(up.subarray(200, 1400), 440, 16000)).toBeCloseTo(0.5, 2);
    expect(() => resample(new Float32Array(4), 0, 8000)).toThrow('resample: fromRate must be a positive number. Received: fromRate=0');
  });
});
