/**
 * Real decoding through the system's ffmpeg (Debian: apt-get install ffmpeg), run by
 * `npm run test:system`. The videos are made here with ffmpeg's lavfi sources.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/core/tensor.js';
import { loadVideoFolder } from '../../src/data/video/folder.js';
import { readVideoFrames } from '../../src/data/video/frames.js';
import { probeVideo } from '../../src/data/video/probe.js';

const COLOURS = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]] as const;
const hex = (c: readonly number[]) => `0x${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const dir = mkdtempSync(join(tmpdir(), 'tessera-video-'));

/** An H.264 MP4 of 32×24 at 10 fps: `perColour` frames of each colour in turn. */
function colourVideo(path: string, colours: readonly (readonly number[])[], perColour: number): void {
  const inputs = colours.flatMap((c) => ['-f', 'lavfi', '-i', `color=c=${hex(c)}:s=32x24:r=10:d=${perColour / 10}`]);
  const graph = `${colours.map((_, i) => `[${i}:v]`).join('')}concat=n=${colours.length}:v=1:a=0`;
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...inputs, '-filter_complex', graph, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', path]);
}

/** The mean RGB of frame k of [frames, h, w, 3]. */
function meanColour(t: Tensor, k: number): number[] {
  const [, h, w] = t.shape as [number, number, number, number];
  const d = t.dataSync() as Int32Array;
  const sum = [0, 0, 0];
  const start = k * h * w * 3;
  for (let i = 0; i < h * w; i++) for (let ch = 0; ch < 3; ch++) sum[ch]! += d[start + 3 * i + ch]!;
  return sum.map((s) => s / (h * w));
}

const colours = join(dir, 'colours.mp4');
beforeAll(() => {
  colourVideo(colours, COLOURS, 5); // frames 0-4 red, 5-9 green, 10-14 blue, 15-19 white
});

describe('video through ffmpeg', () => {
  it('probes frame count, duration, fps and size', async () => {
    const testsrc = join(dir, 'testsrc.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=40x30:rate=25:duration=2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', testsrc]);
    expect(await probeVideo(testsrc)).toEqual({ frameCount: 50, duration: 2, fps: 25, width: 40, height: 30, codec: 'h264' });
    expect((await probeVideo(colours)).frameCount).toBe(20);
  });

  it('samples segment centres: 4 of 20 frames are 2, 7, 12, 17 — one of each colour', async () => {
    const frames = await readVideoFrames(colours, { numFrames: 4, dtype: 'uint8' });
    expect(frames.shape).toEqual([4, 24, 32, 3]);
    expect(frames.dtype).toBe('int32');
    for (let k = 0; k < 4; k++) meanColour(frames, k).forEach((v, ch) => expect(Math.abs(v - COLOURS[k]![ch]!)).toBeLessThan(12));
    const f = await readVideoFrames(colours, { numFrames: 4 });
    expect(f.dtype).toBe('float32');
    expect(Math.max(...(f.dataSync() as Float32Array))).toBeLessThanOrEqual(1);
  });

  it('takes exactly the frames of the formula (a video whose frame n has grey level 10 n + 20)', async () => {
    const ramp = join(dir, 'ramp.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', "color=c=black:s=32x24:r=10:d=2,format=gbrp,geq=r='10*N+20':g='10*N+20':b='10*N+20'", '-c:v', 'libx264', '-pix_fmt', 'yuv420p', ramp]);
    const grey = async (numFrames: number) => {
      const t = await readVideoFrames(ramp, { numFrames, dtype: 'int32' });
      return Array.from({ length: numFrames }, (_, k) => Math.round((meanColour(t, k)[1]! - 20) / 10) + 0); // + 0: no -0
    };
    expect(await grey(4)).toEqual([2, 7, 12, 17]);
    expect(await grey(3)).toEqual([3, 10, 16]); // floor((k + 0.5) · 20 / 3)
    expect(await grey(30)).toEqual(Array.from({ length: 30 }, (_, k) => Math.floor(((k + 0.5) * 20) / 30)));
  });

  it('resizes in ffmpeg and repeats frames of a short video', async () => {
    const short = join(dir, 'short.mp4');
    colourVideo(short, [[255, 0, 0], [0, 0, 255]], 1); // two frames
    const frames = await readVideoFrames(short, { numFrames: 4, size: [6, 8], dtype: 'int32' });
    expect(frames.shape).toEqual([4, 6, 8, 3]);
    const reds = [0, 1].map((k) => meanColour(frames, k)[0]!);
    const blues = [2, 3].map((k) => meanColour(frames, k)[2]!);
    expect(reds.every((v) => v > 240) && blues.every((v) => v > 240)).toBe(true);
    const d = frames.dataSync() as Int32Array;
    const size = 6 * 8 * 3;
    expect(Array.from(d.subarray(0, size))).toEqual(Array.from(d.subarray(size, 2 * size))); // frame 0 twice
    const all = await readVideoFrames(short, { dtype: 'int32' });
    expect(all.shape).toEqual([2, 24, 32, 3]);
  });

  it('names the file on corrupt, truncated and missing videos', async () => {
    const junk = join(dir, 'junk.mp4');
    writeFileSync(junk, 'this is not a video');
    await expect(readVideoFrames(junk, { numFrames: 2 })).rejects.toThrow(/probeVideo: '.*junk.mp4': .* failed .*Received: '.*Invalid data found when processing input'/);
    const cut = join(dir, 'cut.mp4');
    writeFileSync(cut, readFileSync(colours).subarray(0, 600));
    await expect(readVideoFrames(cut, { numFrames: 2 })).rejects.toThrow(/cut.mp4'/);
    await expect(probeVideo(join(dir, 'missing.mp4'))).rejects.toThrow(/missing.mp4'.*No such file or directory/);
  });

  it('loadVideoFolder yields [frames, label] that batch', async () => {
    const root = join(dir, 'folder');
    for (const [name, colour] of [['blue', [0, 0, 255]], ['red', [255, 0, 0]]] as const) {
      mkdirSync(join(root, name), { recursive: true });
      for (const n of [0, 1]) colourVideo(join(root, name, `${n}.mp4`), [colour], 3);
    }
    const folder = await loadVideoFolder(root, { numFrames: 2, size: [8, 8], dtype: 'int32' });
    expect(folder.classNames).toEqual(['blue', 'red']);
    const [[x, y]] = (await folder.dataset({ parallelism: 2 }).batch(4).toArray()) as unknown as [[Tensor, Tensor]];
    expect(x.shape).toEqual([4, 2, 8, 8, 3]);
    expect(Array.from(y.dataSync() as Int32Array)).toEqual([0, 0, 1, 1]);
    const d = x.dataSync() as Int32Array;
    expect(d[2]).toBeGreaterThan(240); // first video is blue
    expect(d[3 * 2 * 8 * 8 * 3]).toBeGreaterThan(240); // last video is red
  });
});
