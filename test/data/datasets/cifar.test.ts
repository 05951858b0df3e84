import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCifar10, loadCifar100, parseCifarBinary } from '../../../src/data/datasets/cifar.js';

/** One record in the real layout: label byte(s), then the red, green and blue planes. */
function record(labels: number[], pixel: (c: number, y: number, x: number) => number): Uint8Array {
  const out = new Uint8Array(labels.length + 3072);
  out.set(labels, 0);
  for (let c = 0; c < 3; c++) for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) out[labels.length + c * 1024 + y * 32 + x] = pixel(c, y, x);
  return out;
}

const concat = (parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

describe('CIFAR binary', () => {
  it('reads CIFAR-10 batches: planar RGB becomes HWC in [0, 1], labels in order, class names', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cifar10-')), 'cifar-10-batches-bin');
    mkdirSync(dir);
    const px = (k: number) => (c: number, y: number, x: number) => (k * 50 + c * 20 + y + x) % 256;
    writeFileSync(join(dir, 'data_batch_1.bin'), concat([record([3], px(0)), record([9], px(1))]));
    writeFileSync(join(dir, 'data_batch_2.bin'), record([0], px(2)));
    writeFileSync(join(dir, 'test_batch.bin'), record([7], px(3)));
    const train = await loadCifar10(join(dir, '..'), 'train');
    expect(train.images.shape).toEqual([3, 32, 32, 3]);
    expect(await train.labels.array()).toEqual([3, 9, 0]);
    const img = (await train.images.data()) as Float32Array;
    // Image 1, row 5, column 7, green channel: (1·50 + 1·20 + 5 + 7) / 255.
    expect(img[1 * 3072 + (5 * 32 + 7) * 3 + 1]).toBeCloseTo(82 / 255, 6);
    expect(img[(2 * 32 + 3) * 3 + 2]).toBeCloseTo(45 / 255, 6);
    expect(train.classNames[3]).toBe('cat');
    const test = await loadCifar10(dir, 'test');
    expect(await test.labels.array()).toEqual([7]);
  });

  it('reads CIFAR-100 fine or coarse labels and the label-name files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cifar100-'));
    writeFileSync(join(dir, 'train.bin'), concat([record([4, 72], () => 1), record([19, 99], () => 2)]));
    writeFileSync(join(dir, 'coarse_label_names.txt'), Array.from({ length: 20 }, (_, i) => `super${i}`).join('\n') + '\n');
    const fine = await loadCifar100(dir, 'train');
    expect(await fine.labels.array()).toEqual([72, 99]);
    expect(fine.classNames[72]).toBe('class_72');
    const coarse = await loadCifar100(dir, 'train', { labelMode: 'coarse' });
    expect(await coarse.labels.array()).toEqual([4, 19]);
    expect(coarse.classNames[19]).toBe('super19');
  });

  it('rejects truncated files, bad labels and missing folders, naming the file', async () => {
    const good = record([1], () => 0);
    expect(() => parseCifarBinary(good.subarray(0, 3000), { labelBytes: 1, numClasses: 10, source: "'x.bin'" }))
      .toThrow("parseCifarBinary: 'x.bin' is not a CIFAR binary file: its size must be a positive multiple of the 3073-byte record (1 label byte + 3072 pixels). Received: 3000 bytes");
    expect(() => parseCifarBinary(record([12], () => 0), { labelBytes: 1, numClasses: 10, source: "'y.bin'" })).toThrow(/'y.bin' record 0 has label 12, outside 0..9/);
    expect(() => parseCifarBinary(new Uint8Array(0), { labelBytes: 2, numClasses: 100 })).toThrow(/3074-byte record/);
    const dir = mkdtempSync(join(tmpdir(), 'cifar-missing-'));
    await expect(loadCifar10(dir)).rejects.toThrow(/no 'data_batch_1.bin' in/);
    writeFileSync(join(dir, 'data_batch_1.bin'), good.subarray(0, 10));
    await expect(loadCifar10(dir)).rejects.toThrow(/data_batch_1.bin' is not a CIFAR binary file/);
  });
});
