import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../../src/core/tensor.js';
import { augment, randomFlip } from '../../../src/data/image/augment.js';
import { loadImageFolder } from '../../../src/data/image/folder.js';

/** dir/<class>/<n>.png, each a flat 4×6 image of grey level 10 × (class index × 5 + n). */
async function makeFolder(classes: string[], perClass: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-imgfolder-'));
  for (const [k, name] of classes.entries()) {
    mkdirSync(join(dir, name));
    for (let n = 0; n < perClass; n++) {
      const grey = 10 * (k * 5 + n);
      const png = await sharp(Buffer.alloc(4 * 6 * 3, grey), { raw: { width: 6, height: 4, channels: 3 } }).png().toBuffer();
      writeFileSync(join(dir, name, `${n}.png`), png);
    }
  }
  writeFileSync(join(dir, classes[0]!, 'notes.txt'), 'not an image');
  return dir;
}

describe('loadImageFolder', () => {
  it('lists classes and files, and decodes lazily to [image, label] at the asked size', async () => {
    const dir = await makeFolder(['dog', 'cat'], 3);
    const folder = await loadImageFolder(dir, { size: [2, 3], channels: 1, dtype: 'int32' });
    expect(folder.classNames).toEqual(['cat', 'dog']);
    expect(folder.files.map((f) => f.slice(dir.length + 1))).toEqual(['cat/0.png', 'cat/1.png', 'cat/2.png', 'dog/0.png', 'dog/1.png', 'dog/2.png']);
    expect(Array.from(folder.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    const ds = folder.dataset();
    expect(ds.size).toBe(6);
    const items = await ds.toArray();
    expect(items.map(([x]) => x.shape)).toEqual(new Array(6).fill([2, 3, 1]));
    expect(items.map(([, y]) => [y.dtype, y.shape.length, y.item()])).toEqual([0, 0, 0, 1, 1, 1].map((l) => ['int32', 0, l]));
    // cat is class index 1 in makeFolder's numbering (grey 50, 60, 70), dog index 0 (0, 10, 20).
    expect(items.map(([x]) => x.dataSync()[0])).toEqual([50, 60, 70, 0, 10, 20]);
    const [xb, yb] = (await ds.batch(4).toArray())[0]! as unknown as [Tensor, Tensor];
    expect(xb.shape).toEqual([4, 2, 3, 1]);
    expect(Array.from(yb.dataSync() as Int32Array)).toEqual([0, 0, 0, 1]);
  });

  it('holds out a seeded validation split; augmentation depends on file index and epoch', async () => {
    const dir = await makeFolder(['a', 'b'], 5);
    const folder = await loadImageFolder(dir, { validationSplit: 0.3, seed: 3 });
    const validation = folder.validation!;
    expect(folder.files.length).toBe(7);
    expect(validation.files.length).toBe(3);
    expect(new Set([...folder.files, ...validation.files]).size).toBe(10);
    const again = await loadImageFolder(dir, { validationSplit: 0.3, seed: 3 });
    expect(again.validation!.files).toEqual(validation.files);
    const other = await loadImageFolder(dir, { validationSplit: 0.3, seed: 4 });
    expect(other.validation!.files).not.toEqual(validation.files);

    // A horizontal gradient shows whether a flip happened.
    const g = mkdtempSync(join(tmpdir(), 'tessera-imgfolder-'));
    mkdirSync(join(g, 'only'));
    const row = [0, 100, 200];
    for (let n = 0; n < 8; n++) {
      writeFileSync(join(g, 'only', `${n}.png`), await sharp(Buffer.from(row.flatMap((v) => [v, v, v])), { raw: { width: 3, height: 1, channels: 3 } }).png().toBuffer());
    }
    const grads = await loadImageFolder(g, { dtype: 'int32' });
    const ds = grads.dataset({ augment: augment([randomFlip('horizontal')], { seed: 9 }), parallelism: 3 });
    const firstPixel = async () => (await ds.toArray()).map(([x]) => x.dataSync()[0]);
    const epoch0 = await firstPixel();
    const epoch1 = await firstPixel();
    expect(epoch0.every((v) => v === 0 || v === 200)).toBe(true);
    expect(epoch0).toContain(0);
    expect(epoch0).toContain(200);
    expect(epoch1).not.toEqual(epoch0);
    // A fresh dataset replays epoch 0 exactly.
    const fresh = grads.dataset({ augment: augment([randomFlip('horizontal')], { seed: 9 }) });
    expect((await fresh.toArray()).map(([x]) => x.dataSync()[0])).toEqual(epoch0);
  });

  it('reports a corrupt image by its path when the dataset reaches it', async () => {
    const dir = await makeFolder(['x'], 2);
    writeFileSync(join(dir, 'x', '1.png'), Buffer.from('\x89PNG\r\n\x1a\ngarbage'));
    const folder = await loadImageFolder(dir);
    await expect(folder.dataset().toArray()).rejects.toThrow(/decodeImage: cannot decode '.*x\/1.png' as an image/);
    await expect(loadImageFolder(join(dir, 'nope'))).rejects.toThrow(/listClassFolders: cannot read the folder '.*nope': it does not exist/);
  });
});
