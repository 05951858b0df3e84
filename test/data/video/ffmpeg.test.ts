import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ffmpegBinary, ffprobeBinary, lastLine, runTool } from '../../../src/data/video/ffmpeg.js';
import { probeVideo } from '../../../src/data/video/probe.js';
import { readVideoFrames } from '../../../src/data/video/frames.js';
import { loadVideoFolder } from '../../../src/data/video/folder.js';

/** An executable shell script standing in for ffmpeg/ffprobe. */
function script(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-ff-'));
  const path = join(dir, 'ffmpeg');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const saved = { ffmpeg: process.env.TESSERA_FFMPEG, ffprobe: process.env.TESSERA_FFPROBE };
afterEach(() => {
  for (const [k, v] of [['TESSERA_FFMPEG', saved.ffmpeg], ['TESSERA_FFPROBE', saved.ffprobe]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('ffmpeg binaries and processes', () => {
  it('finds the binaries: option, then TESSERA_FFMPEG, then PATH; ffprobe beside ffmpeg', () => {
    delete process.env.TESSERA_FFMPEG;
    delete process.env.TESSERA_FFPROBE;
    expect(ffmpegBinary()).toBe('ffmpeg');
    expect(ffprobeBinary()).toBe('ffprobe');
    process.env.TESSERA_FFMPEG = '/opt/ff/bin/ffmpeg-6';
    expect(ffmpegBinary()).toBe('/opt/ff/bin/ffmpeg-6');
    expect(ffprobeBinary()).toBe('/opt/ff/bin/ffprobe-6');
    expect(ffmpegBinary({ ffmpegPath: '/x/ffmpeg' })).toBe('/x/ffmpeg');
    expect(ffprobeBinary({ ffmpegPath: '/x/avconv' })).toBe('/x/ffprobe');
    process.env.TESSERA_FFPROBE = '/y/probe';
    expect(ffprobeBinary({ ffmpegPath: '/x/ffmpeg' })).toBe('/y/probe');
  });

  it('a missing binary says how to install ffmpeg, naming the file', async () => {
    const fake = '/nonexistent/tessera/ffmpeg';
    await expect(probeVideo('clip.mp4', { ffmpegPath: fake })).rejects.toThrow(
      "probeVideo: 'clip.mp4': cannot run '/nonexistent/tessera/ffprobe': install ffmpeg (apt-get install ffmpeg) or set TESSERA_FFMPEG. Received: ENOENT");
    process.env.TESSERA_FFMPEG = fake;
    await expect(readVideoFrames('clip.mp4', { numFrames: 4 })).rejects.toThrow(/install ffmpeg \(apt-get install ffmpeg\) or set TESSERA_FFMPEG/);
  });

  it('kills a process that runs past the timeout instead of hanging', async () => {
    const slow = script('echo starting >&2\nexec sleep 30');
    const t0 = Date.now();
    await expect(runTool(slow, [], "readVideoFrames: 'a.mp4'", 300)).rejects.toThrow(/readVideoFrames: 'a.mp4': .* did not finish within 300 ms and was killed .* Received: stderr 'starting'/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("a failing process's error carries the last line of its stderr", async () => {
    const failing = script('echo "first line" >&2\necho "a.mp4: Invalid data found when processing input" >&2\nexit 1');
    await expect(runTool(failing, [], 'probeVideo')).rejects.toThrow(/probeVideo: .* failed \(exit code 1\). Received: 'a.mp4: Invalid data found when processing input'/);
    expect(lastLine('a\n\nb\n  \n')).toBe('b');
    expect(lastLine('')).toBe('(no output on stderr)');
    const ok = script('printf abc');
    expect((await runTool(ok, [], 'x')).stdout.toString()).toBe('abc');
  });

  it('ffprobe output without a video stream or frames is an error naming the file', async () => {
    const noStream = script(`echo '{"streams": []}'`);
    await expect(probeVideo('s.mp4', { ffprobePath: noStream })).rejects.toThrow(/probeVideo: 's.mp4' has no video stream/);
    const probe = script(`echo '{"streams": [{"codec_name": "h264", "width": 32, "height": 24, "avg_frame_rate": "25/1", "nb_read_packets": "50", "duration": "2.0"}]}'`);
    expect(await probeVideo('v.mp4', { ffprobePath: probe })).toEqual({ frameCount: 50, duration: 2, fps: 25, width: 32, height: 24, codec: 'h264' });
    // ffmpeg that writes too few bytes: a truncated file.
    const short = script('printf abc');
    await expect(readVideoFrames('v.mp4', { ffprobePath: probe, ffmpegPath: short, numFrames: 2, size: [2, 2] })).rejects.toThrow(/'v.mp4' gave fewer frames .* Received: 0 of the 2 frames/);
  });

  it('loadVideoFolder lists videos per class (decoding waits for the dataset)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-vid-'));
    const { mkdirSync } = await import('node:fs');
    for (const f of ['walk/b.mp4', 'walk/a.MKV', 'run/c.avi', 'run/notes.txt']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '');
    }
    const folder = await loadVideoFolder(dir, { numFrames: 8, size: 16, ffmpegPath: '/nonexistent/ffmpeg' });
    expect(folder.classNames).toEqual(['run', 'walk']);
    expect(folder.files.map((f) => f.slice(dir.length + 1))).toEqual(['run/c.avi', 'walk/a.MKV', 'walk/b.mp4']);
    expect(Array.from(folder.labels)).toEqual([0, 1, 1]);
    await expect(folder.dataset().toArray()).rejects.toThrow(/run\/c.avi'.*install ffmpeg/);
  });
});
