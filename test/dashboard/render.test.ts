/** The dashboard's sample pictures: each medium rendered as the page shows it. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { renderAudio, renderSample } from '../../src/dashboard/render.js';

const pngSize = async (url: string) => {
  expect(url.startsWith('data:image/png;base64,')).toBe(true);
  const meta = await sharp(Buffer.from(url.slice(22), 'base64')).metadata();
  return [meta.width, meta.height];
};

describe('dashboard sample rendering', () => {
  it('images keep their aspect, small ones are enlarged; grey and RGB', async () => {
    expect(await pngSize((await renderSample('image', tsr.randomUniform([28, 28, 1]))).image!)).toEqual([112, 112]);
    expect(await pngSize((await renderSample('image', tsr.randomUniform([100, 150, 3]))).image!)).toEqual([150, 100]);
    await expect(renderSample('image', tsr.zeros([4, 4, 2]))).rejects.toThrow('dashboard: an image sample needs 1 or 3 channels. Received: shape [4, 4, 2]');
  });

  it('a spectrogram [frames, bins] is a picture with time across and low frequencies at the bottom', async () => {
    const spec = tsr.tensor(Array.from({ length: 10 * 4 }, (_, i) => (i % 4 === 0 ? 1 : 0)), [10, 4]); // energy in bin 0
    const url = (await renderSample('spectrogram', spec)).image!;
    expect(await pngSize(url)).toEqual([20, 8]);
    const { data, info } = await sharp(Buffer.from(url.slice(22), 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect(data[7 * 20 * info.channels]).toBe(255); // bottom row: bin 0
    expect(data[0]).toBe(0);
  });

  it('a video is a strip of up to 8 frames; text is decoded; audio plays as WAV', async () => {
    expect(await pngSize((await renderSample('video', tsr.randomUniform([16, 32, 32, 3]))).image!)).toEqual([512, 64]);
    const text = await renderSample('text', tsr.tensor([5, 7, 0, 0], [4], 'int32'), (ids) => ids.filter((i) => i).map((i) => `w${i}`).join(' '));
    expect(text.text).toBe('w5 w7');
    const wave = Float32Array.from({ length: 1600 }, (_, i) => 0.5 * Math.sin(i / 5));
    const url = renderAudio(wave, 16000);
    expect(url.startsWith('data:audio/wav;base64,')).toBe(true);
    const audio = tsr.data.audio.decodeWav(Uint8Array.from(Buffer.from(url.slice(22), 'base64')));
    expect(audio.sampleRate).toBe(16000);
    expect(audio.channels[0]!.length).toBe(1600);
    expect(Math.abs(audio.channels[0]![100]! - wave[100]!)).toBeLessThan(1e-4);
  });
});
