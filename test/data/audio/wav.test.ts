import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audioToTensor, decodeWav, encodeWav, readWav, toMono } from '../../../src/data/audio/wav.js';
import { resample } from '../../../src/data/audio/resample.js';

interface WavSpec {
  rate: number;
  bits: 8 | 16 | 24 | 32 | 64;
  float?: boolean;
  /** WAVE_FORMAT_EXTENSIBLE with this SubFormat code (1 PCM, 3 float, 7 mu-law…). */
  extensible?: number;
}

/** A WAV written byte by byte (not by the library under test): PCM or float, interleaved. */
function wavBytes(samples: number[][], spec: WavSpec): Buffer {
  const { rate, bits, float = false, extensible } = spec;
  const ch = samples.length;
  const n = samples[0]!.length;
  const bps = bits / 8;
  const data = Buffer.alloc(n * ch * bps);
  for (let i = 0; i < n; i++) for (let c = 0; c < ch; c++) {
    const v = samples[c]![i]!;
    const at = (i * ch + c) * bps;
    if (bits === 64) data.writeDoubleLE(v, at);
    else if (float && bits === 32) data.writeFloatLE(v, at);
    else if (bits === 8) data.writeUInt8(Math.round(v * 127) + 128, at);
    else if (bits === 16) data.writeInt16LE(Math.round(v * 32767), at);
    else if (bits === 24) data.writeIntLE(Math.round(v * 8388607), at, 3);
    else data.writeInt32LE(Math.round(v * 2147483647), at);
  }
  const fmt = Buffer.alloc(extensible === undefined ? 16 : 40);
  fmt.writeUInt16LE(extensible !== undefined ? 0xfffe : float ? 3 : 1, 0); fmt.writeUInt16LE(ch, 2);
  fmt.writeUInt32LE(rate, 4); fmt.writeUInt32LE(rate * ch * bps, 8); fmt.writeUInt16LE(ch * bps, 12); fmt.writeUInt16LE(bits, 14);
  if (extensible !== undefined) {
    fmt.writeUInt16LE(22, 16); fmt.writeUInt16LE(bits, 18); fmt.writeUInt32LE(0, 20); fmt.writeUInt32LE(extensible, 24);
    Buffer.from('000010008000' + '00aa00389b71', 'hex').copy(fmt, 28); // KSDATAFORMAT_SUBTYPE_* tail
  }
  const chunk = (id: string, body: Buffer) => {
    const head = Buffer.alloc(8); head.write(id, 0); head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, Buffer.alloc(body.length & 1)]);
  };
  const body = Buffer.concat([Buffer.from('WAVE'), chunk('fmt ', fmt), chunk('data', data)]);
  const riff = Buffer.alloc(8); riff.write('RIFF', 0); riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

const sine = (f: number, rate: number, n: number, a = 0.5) => Array.from({ length: n }, (_, i) => a * Math.sin((2 * Math.PI * f * i) / rate));

describe('WAV', () => {
  // Tolerance: about one quantisation step (the writer scales by 2^(b-1) - 1, the decoder divides
  // by 2^(b-1)), and float32 rounding of the output.
  it.each([
    ['8-bit unsigned', { bits: 8 }, 1 / 127],
    ['16-bit', { bits: 16 }, 1 / 32767],
    ['24-bit', { bits: 24 }, 1 / 8388607],
    ['32-bit', { bits: 32 }, 1e-7],
    ['32-bit float', { bits: 32, float: true }, 1e-7],
    ['64-bit float', { bits: 64, float: true }, 1e-7],
    ['extensible 16-bit PCM', { bits: 16, extensible: 1 }, 1 / 32767],
    ['extensible 24-bit PCM', { bits: 24, extensible: 1 }, 1 / 8388607],
    ['extensible 32-bit float', { bits: 32, extensible: 3 }, 1e-7],
  ] as const)('decodes %s samples of a known sine into [-1, 1]', (_, spec, tol) => {
    const s = sine(440, 8000, 64);
    const audio = decodeWav(wavBytes([s], { rate: 8000, float: 'extensible' in spec && spec.extensible === 3, ...spec }));
    expect(audio.sampleRate).toBe(8000);
    expect(audio.channels).toHaveLength(1);
    expect(audio.channels[0]).toHaveLength(64);
    let worst = 0;
    audio.channels[0]!.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - s[i]!)); });
    expect(worst).toBeLessThanOrEqual(tol);
  });

  it('maps integer codes by 2^(bits-1): the most negative code is -1, 8-bit is offset by 128', () => {
    const raw = (bits: 8 | 16 | 24 | 32, codes: number[]) => {
      const b = wavBytes([codes.map(() => 0)], { rate: 8000, bits });
      codes.forEach((c, i) => (bits === 8 ? b.writeUInt8(c, 44 + i) : b.writeIntLE(c, 44 + i * (bits / 8), Math.min(bits / 8, 6))));
      return [...decodeWav(b).channels[0]!];
    };
    expect(raw(8, [0, 128, 255])).toEqual([-1, 0, 127 / 128]);
    expect(raw(16, [-32768, 0, 32767])).toEqual([-1, 0, Math.fround(32767 / 32768)]);
    expect(raw(24, [-8388608, -1, 8388607])).toEqual([-1, Math.fround(-1 / 8388608), Math.fround(8388607 / 8388608)]);
  });

  it('keeps channels apart, mixes down, and round-trips through encodeWav', async () => {
    const left = sine(100, 8000, 32, 0.8);
    const right = sine(200, 8000, 32, -0.4);
    const audio = decodeWav(wavBytes([left, right], { rate: 8000, bits: 24 }));
    expect(audio.channels[1]![5]).toBeCloseTo(right[5]!, 6);
    expect(toMono(audio)[7]).toBeCloseTo((left[7]! + right[7]!) / 2, 6);
    expect(audioToTensor(audio).shape).toEqual([2, 32]);
    expect(audioToTensor(audio, { mono: true }).shape).toEqual([32]);
    expect(((await audioToTensor(audio).array()) as number[][])[1]![5]).toBeCloseTo(right[5]!, 6);
    // Three channels: wavefile writes WAVE_FORMAT_EXTENSIBLE (float must keep a float SubFormat).
    const three = { sampleRate: 8000, channels: [...audio.channels, Float32Array.from(left, (v) => -v)] };
    for (const [bitDepth, digits] of [[8, 1], [16, 4], [24, 6], [32, 6], ['32f', 6], ['64f', 6]] as const) {
      for (const a of [audio, three]) {
        const again = decodeWav(encodeWav(a, { bitDepth }));
        expect(again.channels).toHaveLength(a.channels.length);
        again.channels.forEach((c, k) => c.forEach((v, i) => expect(v).toBeCloseTo(a.channels[k]![i]!, digits)));
      }
    }
    expect(() => encodeWav({ sampleRate: 8000, channels: [] })).toThrow('encodeWav: expected one or more channels of equal length. Received: lengths none');
    const dir = mkdtempSync(join(tmpdir(), 'wav-'));
    writeFileSync(join(dir, 'a.wav'), encodeWav(audio));
    expect((await readWav(join(dir, 'a.wav'))).channels).toHaveLength(2);
  });

  it('drops a partial frame at the end and ignores junk after the data chunk', () => {
    const good = wavBytes([[0.5, -0.25, 0.125]], { rate: 8000, bits: 16 });
    const cut = Buffer.from(good.subarray(0, good.length - 1)); // 5 data bytes: 2.5 frames
    cut.writeUInt32LE(5, 40);
    expect(decodeWav(cut).channels[0]!.length).toBe(2);
    const junk = Buffer.concat([good, Buffer.from('LIST'), Buffer.from([0xff, 0xff, 0, 0])]); // overruns the file
    expect([...decodeWav(junk).channels[0]!]).toEqual([16384 / 32768, -8192 / 32768, 4096 / 32768]);
  });

  it('rejects corrupt, truncated and unsupported files with the file named', async () => {
    const good = wavBytes([sine(440, 8000, 100)], { rate: 8000, bits: 16 });
    const bad = (edit: (b: Buffer) => void) => { const b = Buffer.from(good); edit(b); return b; };
    const prefix = "decodeWav: 'x.wav' is not a valid WAV file: ";
    expect(() => decodeWav(good.subarray(0, 8), "'x.wav'")).toThrow(`${prefix}expected a 12-byte RIFF header. Received: 8 bytes`);
    expect(() => decodeWav(good.subarray(0, 100), "'x.wav'")).toThrow(`${prefix}the data chunk declares 200 bytes but only 56 follow (truncated file?)`);
    expect(() => decodeWav(good.subarray(0, 30), "'x.wav'")).toThrow(`${prefix}the fmt chunk must hold at least 16 bytes inside the file. Received: a 16-byte fmt chunk with 10 bytes left`);
    expect(() => decodeWav(good.subarray(0, 36), "'x.wav'")).toThrow(`${prefix}no 'data' chunk`);
    expect(() => decodeWav(bad((b) => b.write('RIFX', 0)), "'x.wav'")).toThrow(`${prefix}expected 'RIFF' … 'WAVE'. Received: 'RIFX' … 'WAVE'`);
    expect(() => decodeWav(bad((b) => b.writeUInt16LE(0, 22)), "'x.wav'")).toThrow(`${prefix}expected at least one channel. Received: 0`);
    expect(() => decodeWav(bad((b) => b.writeUInt16LE(4, 32)), "'x.wav'")).toThrow(`${prefix}blockAlign must be channels × bytes per sample = 2. Received: blockAlign=4`);
    expect(() => decodeWav(bad((b) => b.writeUInt16LE(85, 20)), "'x.mp3.wav'")).toThrow(
      "decodeWav: 'x.mp3.wav' is not a valid WAV file: only PCM (format 1) and IEEE float (format 3) samples are supported, not compressed codecs. Received: format 85");
    expect(() => decodeWav(bad((b) => b.writeUInt16LE(12, 34)))).toThrow('decodeWav: buffer is not a valid WAV file: PCM samples must be 8, 16, 24 or 32 bits. Received: 12 bits');
    // Formats wavefile would decode as something else.
    expect(() => decodeWav(wavBytes([[0.5]], { rate: 8000, bits: 16, float: true }))).toThrow('float samples must be 32 or 64 bits. Received: 16 bits');
    expect(() => decodeWav(wavBytes([[0.5]], { rate: 8000, bits: 64 }))).toThrow('PCM samples must be 8, 16, 24 or 32 bits. Received: 64 bits');
    expect(() => decodeWav(wavBytes([[0.5]], { rate: 8000, bits: 8, extensible: 7 }))).toThrow(
      'not compressed codecs (in WAVE_FORMAT_EXTENSIBLE). Received: format 7');
    const shortExt = bad((b) => b.writeUInt16LE(0xfffe, 20));
    expect(() => decodeWav(shortExt)).toThrow('an extensible fmt chunk needs 40 bytes (with its SubFormat GUID). Received: 16 bytes');
    const nan = wavBytes([[0.5, Number.NaN]], { rate: 8000, bits: 32, float: true });
    expect(() => decodeWav(nan, "'n.wav'")).toThrow("decodeWav: 'n.wav' is not a valid WAV file: float samples must be finite. Received: NaN at frame 1 of channel 0");
    await expect(readWav('/nonexistent.wav')).rejects.toThrow("readWav: cannot read '/nonexistent.wav'");
    const dir = mkdtempSync(join(tmpdir(), 'wav-bad-'));
    writeFileSync(join(dir, 'cut.wav'), good.subarray(0, 60));
    await expect(readWav(join(dir, 'cut.wav'))).rejects.toThrow(`decodeWav: '${join(dir, 'cut.wav')}' is not a valid WAV file: the data chunk declares 200 bytes`);
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
    // Rates without a small common period (here non-integer) take the per-tap path: same filter.
    const odd = resample(Float32Array.from(sine(440, 8000, 800)), 8000, 11025.5);
    expect(odd.length).toBe(1103);
    expect(amplitudeAt(odd.subarray(200, 900), 440, 11025.5)).toBeCloseTo(0.5, 2);
    const viaTable = resample(Float32Array.from(sine(440, 8000, 800)), 8000, 11025);
    const direct = resample(Float32Array.from(sine(440, 8000, 800)), 8000, 11025.000001);
    viaTable.forEach((v, i) => expect(v).toBeCloseTo(direct[i]!, 4));
    expect(() => resample(new Float32Array(4), 0, 8000)).toThrow('resample: fromRate must be a positive number. Received: fromRate=0');
  });
});
