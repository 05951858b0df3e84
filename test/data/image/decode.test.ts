import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../../src/core/tensor.js';
import { decodeImage } from '../../../src/data/image/decode.js';

const vals = (t: Tensor): number[] => Array.from(t.dataSync() as Float32Array);

// 2×3 RGBA pixels with known values (row-major).
const W = 3;
const H = 2;
const RGBA = [
  255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0,
  10, 20, 30, 255, 200, 100, 50, 255, 7, 8, 9, 255,
];
const RGB = RGBA.filter((_, i) => i % 4 !== 3);

function raw(values: number[], channels: 1 | 2 | 3 | 4, w = W, h = H) {
  return sharp(Buffer.from(values), { raw: { width: w, height: h, channels } });
}

describe('decodeImage', () => {
  it('decodes a PNG with known pixels exactly (int32 0..255, float32 in [0, 1], RGBA and RGB)', async () => {
    const png = await raw(RGBA, 4).png().toBuffer();
    const rgba = await decodeImage(png, { channels: 4, dtype: 'uint8' });
    expect(rgba.shape).toEqual([H, W, 4]);
    expect(rgba.dtype).toBe('int32');
    expect(vals(rgba)).toEqual(RGBA);
    const rgb = await decodeImage(png, { channels: 3, dtype: 'int32' });
    expect(vals(rgb)).toEqual(RGB);
    const f = await decodeImage(png); // default: 3 channels, float32
    expect(f.dtype).toBe('float32');
    expect(f.shape).toEqual([H, W, 3]);
    expect(vals(f)).toEqual(RGB.map((v) => Math.fround(v / 255)));
  });

  it('converts channels: grey → RGB(A) by repetition, RGB → luma 0.2989 R + 0.587 G + 0.114 B', async () => {
    const grey = await raw([0, 50, 100, 150, 200, 255], 1).png().toBuffer();
    expect(vals(await decodeImage(grey, { channels: 3, dtype: 'int32' }))).toEqual([0, 0, 0, 50, 50, 50, 100, 100, 100, 150, 150, 150, 200, 200, 200, 255, 255, 255]);
    expect(vals(await decodeImage(grey, { channels: 1, dtype: 'int32' }))).toEqual([0, 50, 100, 150, 200, 255]);
    expect(vals(await decodeImage(grey, { channels: 4, dtype: 'int32' })).slice(4, 8)).toEqual([50, 50, 50, 255]);
    const png = await raw(RGB, 3).png().toBuffer();
    const luma = (r: number, g: number, b: number) => Math.round(0.2989 * r + 0.587 * g + 0.114 * b);
    const expected = [];
    for (let i = 0; i < RGB.length; i += 3) expected.push(luma(RGB[i]!, RGB[i + 1]!, RGB[i + 2]!));
    expect(expected.slice(0, 3)).toEqual([76, 150, 29]);
    expect(vals(await decodeImage(png, { channels: 1, dtype: 'int32' }))).toEqual(expected);
    expect(vals(await decodeImage(png, { channels: 4, dtype: 'int32' })).slice(0, 4)).toEqual([255, 0, 0, 255]);
  });

  it('decodes lossless WebP exactly, JPEG within a few levels, from a path or bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-img-'));
    const webp = join(dir, 'a.webp');
    writeFileSync(webp, await raw(RGB, 3).webp({ lossless: true }).toBuffer());
    expect(vals(await decodeImage(webp, { dtype: 'int32' }))).toEqual(RGB);
    // A flat 16×16 colour survives JPEG nearly intact (chroma subsampling of a flat area is lossless).
    const flat = Array.from({ length: 16 * 16 }, () => [200, 100, 50]).flat();
    const jpg = await raw(flat, 3, 16, 16).jpeg({ quality: 95 }).toBuffer();
    const d = vals(await decodeImage(new Uint8Array(jpg).buffer, { dtype: 'int32' }));
    for (let i = 0; i < d.length; i++) expect(Math.abs(d[i]! - flat[i]!)).toBeLessThanOrEqual(3);
  });

  it('resizes while decoding: nearest 2×3 → 4×6 repeats each pixel; fit cover/contain keep the aspect', async () => {
    const png = await raw(RGB, 3).png().toBuffer();
    const big = await decodeImage(png, { size: [4, 6], method: 'nearest', dtype: 'int32' });
    expect(big.shape).toEqual([4, 6, 3]);
    const px = (t: number[], r: number, c: number, w: number) => t.slice((r * w + c) * 3, (r * w + c) * 3 + 3);
    const v = vals(big);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 6; c++) expect(px(v, r, c, 6)).toEqual(px(RGB, r >> 1, c >> 1, 3));
    const flat = Array.from({ length: 8 * 4 }, () => [90, 90, 90]).flat();
    const wide = await raw(flat, 3, 8, 4).png().toBuffer(); // 4 tall, 8 wide
    const contain = vals(await decodeImage(wide, { size: [4, 4], fit: 'contain', dtype: 'int32' }));
    expect(px(contain, 0, 0, 4)).toEqual([0, 0, 0]); // letterbox rows are black
    expect(px(contain, 1, 1, 4)).toEqual([90, 90, 90]);
    const cover = vals(await decodeImage(wide, { size: [4, 4], fit: 'cover', dtype: 'int32' }));
    expect(cover.every((x) => x === 90)).toBe(true);
  });

  it('names the file or buffer on corrupt, truncated, empty and missing input', async () => {
    const png = await raw(RGB, 3).png({ compressionLevel: 0 }).toBuffer();
    await expect(decodeImage(png.subarray(0, png.length - 20))).rejects.toThrow(/decodeImage: cannot decode buffer as an image .* corrupt, truncated/);
    await expect(decodeImage(Buffer.from('not an image at all'))).rejects.toThrow(/cannot decode buffer .*Received: 19 bytes, sharp says 'Input buffer contains unsupported image format'/);
    const dir = mkdtempSync(join(tmpdir(), 'tessera-img-'));
    const bad = join(dir, 'bad.jpg');
    const jpg = await raw(RGB, 3).jpeg().toBuffer();
    writeFileSync(bad, jpg.subarray(0, jpg.length >> 1));
    await expect(decodeImage(bad)).rejects.toThrow(new RegExp(`cannot decode '${bad}'`));
    await expect(decodeImage(Buffer.alloc(0))).rejects.toThrow(/buffer is empty/);
    await expect(decodeImage(join(dir, 'missing.png'))).rejects.toThrow(/decodeImage: cannot read '.*missing.png'/);
    await expect(decodeImage(png, { channels: 2 as 3 })).rejects.toThrow(/channels must be 1, 3 or 4. Received: channels=2/);
  });
});
