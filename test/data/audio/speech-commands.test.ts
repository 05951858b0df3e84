import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  });

  it('noise lands at the asked SNR, is seeded, and gain/shift do what they say', () => {
    const x = tone(440, 16000, 16000);
    const noisy = addNoise(x, { snrDb: 20, random: hostRandom(1) });
    const noise = noisy.map((v, i) => v - x[i]!);
    expect(20 * Math.log10(rms(x) / rms(noise))).toBeCloseTo(20, 0);
    expect(addNoise(x, { snrDb: 20, random: hostRandom(1) })).toEqual(noisy);
    expect(() => addNoise(x, { random: hostRandom(1) })).toThrow('addNoise: give exactly one of snrDb or amplitude');
    const bg = tone(50, 16000, 4000);
    const mixed = mixBackground(x, bg, { snrDb: 10, random: hostRandom(2) });
    expect(20 * Math.log10(rms(x) / rms(mixed.map((v, i) => v - x[i]!)))).toBeCloseTo(10, 1);
    const louder = randomGain(x, { minDb: 6, maxDb: 6, random: hostRandom(3) });
    expect(rms(louder) / rms(x)).toBeCloseTo(10 ** (6 / 20), 5);
    const shifted = randomTimeShift(Float32Array.of(1, 2, 3, 4), { maxShift: 1, random: () => 1 });
    expect([...shifted]).toEqual([0, 1, 2, 3]);
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
    const resampled = ((await batch![0].array()) as number[][])[1]!;
    // The 8 kHz clip, resampled to 16 kHz, still holds 440 Hz at amplitude 0.5: sample 1000 ≈ 0.5·sin(2π·440·1000/16000).
    expect(resampled[1000]).toBeCloseTo(0.5 * Math.sin((2 * Math.PI * 440 * 1000) / 16000), 2);
    const [val] = await sc.validation.dataset().toArray();
    expect(((await val![0].data()) as Float32Array)[15000]).toBe(0);
    const noise = await sc.backgroundNoise();
    expect(noise).toHaveLength(1);
    expect(noise[0]!.length).toBe(32000);
    await expect(loadSpeechCommands(join(dir, 'missing'))).rejects.toThrow(/cannot read the folder/);
  });
});
