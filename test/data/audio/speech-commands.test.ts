import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { addNoise, mixBackground, padOrTrim, randomGain, randomTimeShift } from '../../../src/data/audio/augment.js';
import { loadSpeechCommands } from '../../../src/data/audio/speech-commands.js';
import { encodeWav } from '../../../src/data/audio/wav.js';
import { hostRandom } from '../../../src/data/random.js';

const tone = (f: number, rate: number, n: number) => Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * f * i) / rate));
const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);

describe('waveform length and augmentation', () => {
  it('pads or trims to a length, at the end or centred', () => {
    expect([...padOrTrim(Float32Array.of(1, 2, 3), 5)]).toEqual([1, 2, 3, 0, 0]);
    expect([...padOrTrim(Float32Array.of(1, 2, 3), 5, { center: true })]).toEqual([0, 1, 2, 3, 0]);
    expect([...padOrTrim(Float32Array.of(1, 2, 3, 4, 5), 3)]).toEqual([1, 2, 3]);
    expect([...padOrTrim(Float32Array.of(1, 2, 3, 4, 5), 3, { center: true })]).toEqual([2, 3, 4]);
    expect(() => padOrTrim(Float32Array.of(1), -1)).toThrow('padOrTrim: length must be an integer ≥ 0. Received: length=-1');
  });

  it('pads or trims tensors [..., samples] the same way, eagerly, compiled, and with a gradient', async () => {
    const x = tsr.tensor([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);
    expect(await padOrTrim(x, 8).array()).toEqual([[1, 2, 3, 4, 5, 6, 0, 0], [7, 8, 9, 10, 11, 12, 0, 0]]);
    expect(await padOrTrim(x, 9, { center: true }).array()).toEqual([[0, 1, 2, 3, 4, 5, 6, 0, 0], [0, 7, 8, 9, 10, 11, 12, 0, 0]]);
    expect(await padOrTrim(x, 3, { center: true }).array()).toEqual([[2, 3, 4], [8, 9, 10]]);
    for (const [n, center] of [[4, true], [9, true], [3, false], [6, false]] as const) {
      const host = [...padOrTrim(Float32Array.of(1, 2, 3, 4, 5, 6), n, { center })];
      expect(await padOrTrim(tsr.tensor([1, 2, 3, 4, 5, 6]), n, { center }).array()).toEqual(host);
    }
    const compiled = await tsr.jit((t: tsr.Tensor) => padOrTrim(t, 4))(x);
    expect(await compiled.array()).toEqual([[1, 2, 3, 4], [7, 8, 9, 10]]);
    const g = tsr.grad((t: tsr.Tensor) => padOrTrim(t, 4, { center: true }).sum())(tsr.tensor([1, 2, 3, 4, 5, 6]));
    expect(await g.array()).toEqual([0, 1, 1, 1, 1, 0]);
  });

  it('noise lands at the asked SNR, is seeded, and gain/shift do what they say', () => {
    const x = tone(440, 16000, 16000);
    const noisy = addNoise(x, { snrDb: 20, random: hostRandom(1) });
    const noise = noisy.map((v, i) => v - x[i]!);
    expect(20 * Math.log10(rms(x) / rms(noise))).toBeCloseTo(20, 0);
    expect(addNoise(x, { snrDb: 20, random: hostRandom(1) })).toEqual(noisy);
    expect(() => addNoise(x, { random: hostRandom(1) })).toThrow('addNoise: give exactly one of snrDb or amplitude. Received: snrDb=undefined, amplitude=undefined');
    // A seed is the same as a generator from that seed; amplitude gives noise of that std.
    expect(addNoise(x, { snrDb: 20, seed: 7 })).toEqual(addNoise(x, { snrDb: 20, random: hostRandom(7) }));
    expect(addNoise(x, { snrDb: 20, seed: 8 })).not.toEqual(addNoise(x, { snrDb: 20, seed: 7 }));
    expect(rms(addNoise(new Float32Array(20000), { amplitude: 0.1, seed: 1 }))).toBeCloseTo(0.1, 2);
    expect(() => addNoise(x, { snrDb: 20 })).toThrow('addNoise: give exactly one of random (a generator such as tsr.data.hostRandom(seed, epoch, index)) or seed. Received: neither');
    const bg = tone(50, 16000, 4000);
    const mixed = mixBackground(x, bg, { snrDb: 10, random: hostRandom(2) });
    expect(20 * Math.log10(rms(x) / rms(mixed.map((v, i) => v - x[i]!)))).toBeCloseTo(10, 1);
    // The noise piece starts at a seeded offset into the clip (looping): here a ramp shows where.
    const ramp = Float32Array.from({ length: 100 }, (_, i) => i);
    const start = Math.floor(hostRandom(5)() * 100);
    const piece = mixBackground(new Float32Array(4).fill(0), ramp, { snrDb: 0, seed: 5 });
    expect([...piece]).toEqual([0, 0, 0, 0]); // a silent signal gets no noise (SNR relative to it)
    const loud = mixBackground(Float32Array.of(1, 1, 1, 1), ramp, { snrDb: 0, seed: 5 });
    const expected = Float32Array.from({ length: 4 }, (_, i) => ramp[(start + i) % 100]!);
    const gain = 1 / rms(expected); // 0 dB: the noise piece scaled to the signal's RMS (1)
    [...loud].forEach((v, i) => expect(v - 1).toBeCloseTo(gain * expected[i]!, 5));
    const louder = randomGain(x, { minDb: 6, maxDb: 6, random: hostRandom(3) });
    expect(rms(louder) / rms(x)).toBeCloseTo(10 ** (6 / 20), 5);
    const shifted = randomTimeShift(Float32Array.of(1, 2, 3, 4), { maxShift: 1, random: () => 1 });
    expect([...shifted]).toEqual([0, 1, 2, 3]);
    expect([...randomTimeShift(Float32Array.of(1, 2, 3, 4), { maxShift: 2, random: () => 0 })]).toEqual([3, 4, 0, 0]);
    expect(() => randomGain(x, { minDb: 3, maxDb: -3, seed: 1 })).toThrow('randomGain: need minDb ≤ maxDb. Received: minDb=3, maxDb=-3');
  });
});

describe('Speech Commands layout', () => {
  it('splits by validation_list/testing_list, resamples and pads clips, exposes background noise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speech-'));
    const write = (rel: string, samples: Float32Array, rate: number) => {
      writeFileSync(join(dir, rel), encodeWav({ sampleRate: rate, channels: [samples] }));
    };
    for (const w of ['yes', 'no', '_background_noise_']) mkdirSync(join(dir, w));
    write('yes/a_nohash_0.wav', tone(440, 16000, 16000), 16000);
    write('yes/b_nohash_0.wav', tone(440, 16000, 12000), 16000); // short: padded
    write('yes/c_nohash_0.wav', tone(440, 8000, 8000), 8000); // 8 kHz: resampled
    write('no/a_nohash_0.wav', tone(880, 16000, 16000), 16000);
    write('no/d_nohash_0.wav', tone(880, 16000, 16000), 16000);
    write('_background_noise_/white.wav', tone(60, 16000, 32000), 16000);
    writeFileSync(join(dir, 'validation_list.txt'), 'yes/b_nohash_0.wav\n');
    writeFileSync(join(dir, 'testing_list.txt'), 'no/d_nohash_0.wav\nyes/c_nohash_0.wav\n');
    const sc = await loadSpeechCommands(dir, { sampleRate: 16000 });
    expect(sc.classNames).toEqual(['no', 'yes']);
    expect(sc.train.files.map((f) => f.slice(dir.length + 1))).toEqual(['no/a_nohash_0.wav', 'yes/a_nohash_0.wav']);
    expect(sc.validation.files.map((f) => f.slice(dir.length + 1))).toEqual(['yes/b_nohash_0.wav']);
    expect([...sc.test.labels]).toEqual([0, 1]);
    const [batch] = await sc.test.dataset().batch(2).toArray();
    expect(batch![0].shape).toEqual([2, 16000]);
    expect(await batch![1].array()).toEqual([0, 1]);
    const resampled = ((await batch![0].array()) as number[][])[1]!;
    // The 8 kHz clip, resampled to 16 kHz, still holds 440 Hz at amplitude 0.5: sample 1000 ≈ 0.5·sin(2π·440·1000/16000).
    expect(resampled[1000]).toBeCloseTo(0.5 * Math.sin((2 * Math.PI * 440 * 1000) / 16000), 2);
    const [val] = await sc.validation.dataset().toArray();
    expect(((await val![0].data()) as Float32Array)[15000]).toBe(0);
    const noise = await sc.backgroundNoise();
    expect(noise).toHaveLength(1);
    expect(noise[0]!.length).toBe(32000);
    await expect(loadSpeechCommands(join(dir, 'missing'))).rejects.toThrow(/cannot read the folder/);
    await expect(loadSpeechCommands(dir, { sampleRate: 16000.5 })).rejects.toThrow('loadSpeechCommands: sampleRate must be an integer ≥ 1. Received: sampleRate=16000.5');
  });

  it('keeps only the asked words, mixes stereo down, fixes the length, and names a corrupt file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speech-'));
    for (const w of ['up', 'down', 'left']) mkdirSync(join(dir, w));
    const left = tone(440, 8000, 6000);
    const right = Float32Array.from(left, (v) => -0.5 * v);
    writeFileSync(join(dir, 'up/s_nohash_0.wav'), encodeWav({ sampleRate: 8000, channels: [left, right] }, { bitDepth: '32f' }));
    writeFileSync(join(dir, 'down/s_nohash_0.wav'), encodeWav({ sampleRate: 8000, channels: [left] }));
    writeFileSync(join(dir, 'left/bad_nohash_0.wav'), encodeWav({ sampleRate: 8000, channels: [left] }).subarray(0, 500));
    writeFileSync(join(dir, 'testing_list.txt'), './down\\s_nohash_0.wav\r\n'); // CRLF, './', a backslash; no validation list
    // A relative './…' folder: the lists must still match (listClassFolders normalises the paths).
    const sc = await loadSpeechCommands(`./${relative(process.cwd(), dir)}`, { sampleRate: 8000, length: 4000, words: ['up', 'down'] });
    expect(sc.classNames).toEqual(['up', 'down']);
    expect(sc.validation.files).toEqual([]);
    expect([...sc.test.labels]).toEqual([1]);
    const [[wave, label]] = (await sc.train.dataset().toArray()) as [[tsr.Tensor, tsr.Tensor]];
    expect(wave.shape).toEqual([4000]);
    expect(label.dtype).toBe('int32');
    expect(label.item()).toBe(0);
    const mono = (await wave.data()) as Float32Array;
    expect(mono[123]).toBeCloseTo(0.25 * left[123]!, 6); // (1 - 0.5) / 2
    expect(await sc.backgroundNoise()).toEqual([]);
    const all = await loadSpeechCommands(dir, { sampleRate: 8000 });
    const bad = join(dir, 'left', 'bad_nohash_0.wav');
    await expect(all.train.dataset().toArray()).rejects.toThrow(`decodeWav: '${bad}' is not a valid WAV file: the data chunk declares`);
  });
});
