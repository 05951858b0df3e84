/**
 * Video fuzz through the system's ffmpeg (npm run test:system): a small H.264 MP4 and an MJPEG AVI,
 * made here with ffmpeg's lavfi sources, are damaged box by box (MP4 box sizes forged, boxes deleted
 * or duplicated) and byte by byte. probeVideo + readVideoFrames must give frames within the pixel
 * limit or a TesseraError naming the file, within the per-call timeout — never a hang or a crash.
 * Small on purpose (each case runs ffprobe and ffmpeg); FUZZ_CASES raises the count.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readVideoFrames } from '../../src/data/video/frames.js';
import { expectBothOutcomes, fuzz, fuzzCases } from '../fuzz/harness.js';
import { mutateBytes, mutateField, mutateSpans, readUint, type Field, type Rng, type Span } from '../fuzz/mutate.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-fuzz-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function make(name: string, codec: string[]): Uint8Array {
  const path = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=32x24:r=10:d=1', ...codec, path]);
  return new Uint8Array(readFileSync(path));
}

const mp4 = make('seed.mp4', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']);
const avi = make('seed.avi', ['-c:v', 'mjpeg']);

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'udta']);

/** MP4 boxes (nested through the container boxes): their size fields and spans. */
function boxes(b: Uint8Array, start = 0, end = b.length, out: { fields: Field[]; spans: Span[] } = { fields: [], spans: [] }): { fields: Field[]; spans: Span[] } {
  for (let at = start; at + 8 <= end;) {
    const size = readUint(b, { at, bytes: 4, bigEndian: true });
    if (size < 8 || at + size > end) break;
    out.fields.push({ at, bytes: 4, bigEndian: true });
    out.spans.push({ start: at, end: at + size });
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    if (CONTAINERS.has(type)) boxes(b, at + 8, at + size, out);
    at += size;
  }
  return out;
}

const layout = boxes(mp4);

describe('video fuzz (ffmpeg)', () => {
  it('every damaged MP4/AVI gives frames within the limit or a TesseraError', async () => {
    const maxPixels = 32 * 24 * 40;
    let n = 0;
    const stats = await fuzz('video', { cases: fuzzCases(40), caseTimeoutMs: 15_000 }, (rng: Rng, i) => {
      if (i % 2 === 1) return mutateBytes(rng, avi);
      const kind = rng.int(3);
      return kind === 0 ? mutateField(rng, mp4, layout.fields) : kind === 1 ? mutateSpans(rng, mp4, layout.spans) : mutateBytes(rng, mp4);
    }, async (bytes, i) => {
      const path = join(dir, `case${n++ % 4}.${i % 2 ? 'avi' : 'mp4'}`);
      writeFileSync(path, bytes);
      try {
        const t = await readVideoFrames(path, { dtype: 'int32', maxPixels, timeoutMs: 10_000 });
        expect(t.shape.slice(1)).toEqual([t.shape[1], t.shape[2], 3]);
        expect(t.shape[0]! * t.shape[1]! * t.shape[2]!).toBeLessThanOrEqual(maxPixels);
      } catch (e) {
        if (e instanceof Error && e.name === 'TesseraError') expect(e.message).toContain(path);
        throw e;
      }
    });
    expectBothOutcomes(stats);
  }, 600_000);

  it('a read larger than maxPixels is refused before decoding', async () => {
    const path = join(dir, 'ok.mp4');
    writeFileSync(path, mp4);
    await expect(readVideoFrames(path, { maxPixels: 1000 })).rejects.toThrow(/would give 10 frames of 24×32, more than maxPixels=1000 pixels/);
    expect((await readVideoFrames(path, { numFrames: 2, maxPixels: 2000 })).shape).toEqual([2, 24, 32, 3]);
  });
});
