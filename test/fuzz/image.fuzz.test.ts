/**
 * Image fuzz (decodeImage through sharp): PNG files edited chunk by chunk — IHDR width, height, bit
 * depth and colour type, chunk lengths, with the CRC recomputed so the edit reaches the decoder —,
 * chunks deleted or duplicated, and JPEG/WebP/GIF bytes damaged. Each case decodes to [h, w, c]
 * within the pixel limit or throws a TesseraError; a small file declaring a huge image is refused
 * from its header, before anything is decoded.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/data/image/decode.js';
import { TesseraError } from '../../src/core/errors.js';
import { crc32 } from '../../src/io/keras/archive.js';
import { expectBothOutcomes, fuzz, fuzzCases, FUZZ_TEST_TIMEOUT } from './harness.js';
import { mutateBytes, mutateField, mutateSpans, readUint, writeUint, type Field, type Rng, type Span } from './mutate.js';

const seeds: Uint8Array[] = [];

beforeAll(async () => {
  const pixels = Buffer.from(Array.from({ length: 8 * 6 * 3 }, (_, i) => (i * 29) & 255));
  const raw = { raw: { width: 8, height: 6, channels: 3 as const } };
  seeds.push(
    new Uint8Array(await sharp(pixels, raw).png().toBuffer()),
    new Uint8Array(await sharp(pixels, raw).greyscale().png({ palette: true }).toBuffer()),
    new Uint8Array(await sharp(pixels, raw).jpeg({ quality: 80 }).toBuffer()),
    new Uint8Array(await sharp(pixels, raw).webp().toBuffer()),
    new Uint8Array(await sharp(pixels, raw).gif().toBuffer()),
  );
});

interface PngChunk extends Span {
  type: string;
}

function pngChunks(b: Uint8Array): PngChunk[] {
  const out: PngChunk[] = [];
  for (let at = 8; at + 12 <= b.length;) {
    const length = readUint(b, { at, bytes: 4, bigEndian: true });
    const end = at + 12 + length;
    if (end > b.length) break;
    out.push({ start: at, end, type: String.fromCharCode(...b.subarray(at + 4, at + 8)) });
    at = end;
  }
  return out;
}

/** Recomputes every chunk's CRC, so that a field edit is judged by the decoder, not by a checksum. */
function fixCrcs(b: Uint8Array): Uint8Array {
  for (const c of pngChunks(b)) writeUint(b, { at: c.end - 4, bytes: 4, bigEndian: true }, crc32(b.subarray(c.start + 4, c.end - 4)));
  return b;
}

function mutatePng(rng: Rng, seed: Uint8Array): Uint8Array {
  const chunks = pngChunks(seed);
  const ihdr = chunks.find((c) => c.type === 'IHDR')!;
  const fields: Field[] = [
    { at: ihdr.start + 8, bytes: 4, bigEndian: true }, { at: ihdr.start + 12, bytes: 4, bigEndian: true }, // width, height
    { at: ihdr.start + 16, bytes: 1 }, { at: ihdr.start + 17, bytes: 1 }, { at: ihdr.start + 18, bytes: 1 }, { at: ihdr.start + 20, bytes: 1 },
    ...chunks.map((c) => ({ at: c.start, bytes: 4 as const, bigEndian: true })),
  ];
  switch (rng.int(4)) {
    case 0: return fixCrcs(mutateField(rng, seed, fields.slice(0, 6)));
    case 1: return mutateField(rng, seed, fields);
    case 2: return mutateSpans(rng, seed, chunks);
    default: return rng.chance(0.5) ? fixCrcs(mutateBytes(rng, seed)) : mutateBytes(rng, seed);
  }
}

describe('image fuzz', () => {
  it('every mutated PNG/JPEG/WebP/GIF decodes within the pixel limit or throws a TesseraError', async () => {
    const maxPixels = 1 << 20;
    const stats = await fuzz('image', { cases: fuzzCases(600), caseTimeoutMs: 3000 }, (rng, i) => {
      const seed = seeds[i % seeds.length]!;
      return i % seeds.length < 2 ? mutatePng(rng, seed) : mutateBytes(rng, seed);
    }, async (bytes) => {
      const t = await decodeImage(bytes, { maxPixels, dtype: 'int32' });
      expect(t.shape[2]).toBe(3);
      expect(t.shape[0]! * t.shape[1]!).toBeLessThanOrEqual(maxPixels);
    });
    expectBothOutcomes(stats);
  }, FUZZ_TEST_TIMEOUT);

  it('a small PNG declaring a huge image is refused from its header (default limit 2^26 pixels)', async () => {
    const bomb = new Uint8Array(seeds[0]!);
    const ihdr = pngChunks(bomb).find((c) => c.type === 'IHDR')!;
    writeUint(bomb, { at: ihdr.start + 8, bytes: 4, bigEndian: true }, 16_000);
    writeUint(bomb, { at: ihdr.start + 12, bytes: 4, bigEndian: true }, 16_000);
    fixCrcs(bomb);
    const before = process.memoryUsage().rss;
    const err = await decodeImage(bomb).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(TesseraError);
    expect((err as Error).message).toMatch(/decodeImage: buffer declares more pixels than maxPixels=67108864 allows/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
    await expect(decodeImage(seeds[0]!, { maxPixels: 10 })).rejects.toThrow(/more pixels than maxPixels=10/);
    await expect(decodeImage(seeds[0]!, { maxPixels: 0 })).rejects.toThrow(/maxPixels must be an integer ≥ 1\. Received: maxPixels=0/);
  });
});
