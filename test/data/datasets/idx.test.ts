import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseIdx, readIdxFile } from '../../../src/data/datasets/idx.js';
import { loadMnist } from '../../../src/data/datasets/mnist.js';

function idx(type: number, dims: number[], body: Buffer): Buffer {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h[2] = type;
  h[3] = dims.length;
  dims.forEach((d, i) => h.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([h, body]);
}

describe('IDX', () => {
  it('parses uint8 and big-endian float32/int32 files', () => {
    const u = parseIdx(idx(0x08, [2, 2], Buffer.from([1, 2, 3, 4])));
    expect(u.shape).toEqual([2, 2]);
    expect(Array.from(u.data)).toEqual([1, 2, 3, 4]);
    const fb = Buffer.alloc(8);
    fb.writeFloatBE(1.5, 0);
    fb.writeFloatBE(-2, 4);
    expect(Array.from(parseIdx(idx(0x0d, [2], fb)).data)).toEqual([1.5, -2]);
    const ib = Buffer.alloc(4);
    ib.writeInt32BE(-7, 0);
    expect(Array.from(parseIdx(idx(0x0c, [1], ib)).data)).toEqual([-7]);
  });

  it('rejects truncated, oversized and malformed files with the file named', () => {
    expect(() => parseIdx(idx(0x08, [2, 2], Buffer.from([1, 2, 3])), 'x.idx')).toThrow(/parseIdx: x.idx is not a valid IDX file: dimensions \[2,2\] of uint8 need 16 bytes. Received: 15 bytes/);
    expect(() => parseIdx(idx(0x08, [4000000000], Buffer.alloc(0)))).toThrow(/need .* bytes/);
    expect(() => parseIdx(Buffer.from([1, 0, 8, 1]))).toThrow(/magic must start with two zero bytes/);
    expect(() => parseIdx(Buffer.from([0, 0, 0x42, 1]))).toThrow(/unknown element type 0x42/);
    expect(() => parseIdx(Buffer.from([0, 0]))).toThrow(/at least a 4-byte header/);
  });

  it('loads an MNIST-layout folder (gzipped and plain) into tensors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-mnist-'));
    const px = Buffer.alloc(3 * 28 * 28);
    px[0] = 255;
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), gzipSync(idx(0x08, [3, 28, 28], px)));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), idx(0x08, [3], Buffer.from([7, 0, 9])));
    const { images, labels } = await loadMnist(dir, 'train');
    expect(images.shape).toEqual([3, 28, 28, 1]);
    expect(images.dataSync()[0]).toBe(1);
    expect(labels.arraySync()).toEqual([7, 0, 9]);
    await expect(loadMnist(dir, 'test')).rejects.toThrow(/loadMnist: no t10k-images-idx3-ubyte\[.gz\] file in/);
    writeFileSync(join(dir, 'bad.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(readIdxFile(join(dir, 'bad.gz'))).rejects.toThrow(/is not valid gzip/);
  });

  it('reads the embedded subset shipped under data/mnist', async () => {
    const test = await loadMnist('data/mnist', 'test');
    expect(test.images.shape).toEqual([2000, 28, 28, 1]);
    const counts = new Array(10).fill(0);
    for (const l of test.labels.dataSync() as Int32Array) counts[l]++;
    expect(Math.min(...counts)).toBeGreaterThan(150); // every class present
  });
});
