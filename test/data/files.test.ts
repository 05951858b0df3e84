import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listClassFolders, listFiles } from '../../src/data/files.js';

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-files-'));
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    if (!f.endsWith('/')) writeFileSync(join(dir, f), 'x');
  }
  return dir;
}

describe('listClassFolders', () => {
  it('lists classes sorted, files sorted within a class, skipping hidden files and other extensions', async () => {
    const dir = tree(['dog/b.PNG', 'dog/a.png', 'cat/z.jpg', 'cat/.hidden.png', 'cat/notes.txt', 'cat/sub/y.png', '.git/x.png', 'Bird/c.png', 'readme.png']);
    const r = await listClassFolders(dir, { extensions: ['png', '.jpg'] });
    expect(r.classNames).toEqual(['Bird', 'cat', 'dog']); // code-point order: capitals first
    expect(r.files).toEqual([join(dir, 'Bird/c.png'), join(dir, 'cat/sub/y.png'), join(dir, 'cat/z.jpg'), join(dir, 'dog/a.png'), join(dir, 'dog/b.PNG')]);
    expect(Array.from(r.labels)).toEqual([0, 1, 1, 2, 2]);
  });

  it('excludes folders by name or predicate, and takes a fixed class order', async () => {
    const dir = tree(['yes/1.wav', 'no/2.wav', '_background_noise_/n.wav', 'no/skip/3.wav']);
    const byName = await listClassFolders(dir, { extensions: ['wav'], exclude: ['_background_noise_'] });
    expect(byName.classNames).toEqual(['no', 'yes']);
    expect(byName.files.length).toBe(3);
    const byPredicate = await listClassFolders(dir, { extensions: ['wav'], exclude: (p) => p.startsWith('_') || p === 'no/skip' });
    expect(byPredicate.files).toEqual([join(dir, 'no/2.wav'), join(dir, 'yes/1.wav')]);
    const ordered = await listClassFolders(dir, { extensions: ['wav'], classNames: ['yes', 'no'] });
    expect(ordered.classNames).toEqual(['yes', 'no']);
    expect(Array.from(ordered.labels)).toEqual([0, 1, 1]);
  });

  it('names the folder when it is missing, empty or holds no matching file', async () => {
    await expect(listClassFolders('/nonexistent/tessera-x', { extensions: ['png'] })).rejects.toThrow(/cannot read the folder '\/nonexistent\/tessera-x': it does not exist/);
    const empty = tree([]);
    await expect(listClassFolders(empty, { extensions: ['png'] })).rejects.toThrow(new RegExp(`'${empty}' has no class subfolders`));
    const noMatch = tree(['a/x.txt']);
    await expect(listClassFolders(noMatch, { extensions: ['png'] })).rejects.toThrow(/no file with extension \.png in the class folders of/);
    await expect(listClassFolders(noMatch, { extensions: ['png'], classNames: ['b'] })).rejects.toThrow(/classes \["b"\] have no folder/);
    await expect(listClassFolders(noMatch, { extensions: [] })).rejects.toThrow(/extensions must be a non-empty list/);
  });
});

describe('listFiles', () => {
  it('lists matching files under a folder, subfolders included, sorted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'listfiles-'));
    mkdirSync(join(dir, 'b'));
    for (const f of ['z.WAV', 'a.wav', 'b/c.wav', 'notes.txt']) writeFileSync(join(dir, f), '');
    expect(await listFiles(dir, ['wav'])).toEqual([`${dir}/a.wav`, `${dir}/b/c.wav`, `${dir}/z.WAV`]);
    await expect(listFiles(join(dir, 'missing'), ['wav'], 'who')).rejects.toThrow(/^who: cannot read the folder '.*missing'/);
  });
});
