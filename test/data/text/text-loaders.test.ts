import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { padSequences } from '../../../src/data/text/pad-sequences.js';
import { loadTextCorpus } from '../../../src/data/text/corpus.js';
import { loadTextCsv, loadTextFolder } from '../../../src/data/text/labelled.js';
import { characterTokenizer, wordTokenizer } from '../../../src/data/text/tokenizers.js';

const tmp = mkdtempSync(join(tmpdir(), 'text-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('padSequences (Keras semantics)', () => {
  it('pads and truncates at the front by default, or at the back', async () => {
    const seqs = [[1, 2, 3, 4], [5], [6, 7]];
    expect(await padSequences(seqs).array()).toEqual([[1, 2, 3, 4], [0, 0, 0, 5], [0, 0, 6, 7]]);
    expect(await padSequences(seqs, { maxlen: 3 }).array()).toEqual([[2, 3, 4], [0, 0, 5], [0, 6, 7]]);
    expect(await padSequences(seqs, { maxlen: 3, padding: 'post', truncating: 'post', value: -1 }).array()).toEqual([[1, 2, 3], [5, -1, -1], [6, 7, -1]]);
    const f = padSequences([Float32Array.of(0.5)], { maxlen: 2, dtype: 'float32' });
    expect(f.dtype).toBe('float32');
    expect(await f.array()).toEqual([[0, 0.5]]);
    expect(() => padSequences(seqs, { padding: 'middle' as 'pre' })).toThrow("padSequences: padding must be 'pre' or 'post'. Received: padding='middle'");
  });

  it('mixes padding and truncating ends, handles empty sequences and maxlen 0 (as keras.utils.pad_sequences)', async () => {
    // pad_sequences([[1,2,3],[4,5],[]], maxlen=2, padding='post', truncating='pre')
    expect(await padSequences([[1, 2, 3], [4, 5], []], { maxlen: 2, padding: 'post' }).array()).toEqual([[2, 3], [4, 5], [0, 0]]);
    // pad_sequences([[1,2,3],[4]], maxlen=4, padding='pre', truncating='post', value=9)
    expect(await padSequences([[1, 2, 3], [4]], { maxlen: 4, truncating: 'post', value: 9 }).array()).toEqual([[9, 1, 2, 3], [9, 9, 9, 4]]);
    // pad_sequences([[1,2,3]], maxlen=2, truncating='post')
    expect(await padSequences([Int32Array.of(1, 2, 3)], { maxlen: 2, truncating: 'post' }).array()).toEqual([[1, 2]]);
    const empty = padSequences([[1], [2]], { maxlen: 0 });
    expect(empty.shape).toEqual([2, 0]);
    expect(padSequences([]).shape).toEqual([0, 0]);
    expect(() => padSequences([[1]], { maxlen: 1.5 })).toThrow('padSequences: maxlen must be an integer ≥ 0. Received: maxlen=1.5');
  });
});

describe('text loaders', () => {
  it('a corpus becomes (input, next-token) windows that view one id array', async () => {
    const corpus = await loadTextCorpus('abcdefghij', { text: true, sequenceLength: 4, stride: 3 });
    expect(corpus.size).toBe(2); // starts 0 and 3 (a third at 6 would need ids up to 10)
    const windows = await corpus.dataset().toArray();
    const dec = (t: unknown) => corpus.tokenizer.decode((t as { dataSync(): Int32Array }).dataSync());
    expect(windows.map(([x, y]) => [dec(x), dec(y)])).toEqual([['abcd', 'bcde'], ['defg', 'efgh']]);
    writeFileSync(join(tmp, 'bad.txt'), Buffer.from([0x61, 0xff, 0x62]));
    await expect(loadTextCorpus(join(tmp, 'bad.txt'), { sequenceLength: 1 })).rejects.toThrow(/bad.txt' is not valid UTF-8 text/);
    await expect(loadTextCorpus('abc', { text: true, sequenceLength: 3 })).rejects.toThrow('loadTextCorpus: the given text has 3 tokens; a window needs sequenceLength + 1 = 4. Received: sequenceLength=3');
    await expect(loadTextCorpus('', { text: true, sequenceLength: 3 })).rejects.toThrow(/is empty/);
    await expect(loadTextCorpus('/nonexistent.txt', { sequenceLength: 3 })).rejects.toThrow("loadTextCorpus: cannot read '/nonexistent.txt'");
  });

  it('windows are views of the one id array (memory O(corpus)), fit an unfitted tokenizer, shuffle and batch', async () => {
    const path = join(tmp, 'words.txt');
    writeFileSync(path, 'the cat sat on the mat. The cat ran!');
    const words = wordTokenizer();
    const corpus = await loadTextCorpus(path, { tokenizer: words, sequenceLength: 3, stride: 2 });
    expect(corpus.tokenizer).toBe(words);
    expect(words.vocabulary!.tokens).toEqual(['', '[UNK]', 'the', 'cat', 'mat', 'on', 'ran', 'sat']);
    expect([...corpus.ids]).toEqual([2, 3, 7, 5, 2, 4, 2, 3, 6]);
    expect(corpus.size).toBe(3); // starts 0, 2, 4
    const windows = await corpus.dataset().toArray();
    for (const [x, y] of windows) {
      // The tensors hold subarrays of corpus.ids (dataSync() would hand out copies).
      expect(x._data!.buffer).toBe(corpus.ids.buffer);
      expect(y._data!.buffer).toBe(corpus.ids.buffer);
    }
    expect(windows.map(([x]) => [...x._data!])).toEqual([[2, 3, 7], [7, 5, 2], [2, 4, 2]]);
    const [batch] = await corpus.dataset().shuffle(10, { seed: 1 }).batch(3).toArray();
    const rows = (await batch![0].array()) as number[][];
    const targets = (await batch![1].array()) as number[][];
    const byStart = new Map(rows.map((r, i) => [r.join(), targets[i]!.join()]));
    expect(byStart).toEqual(new Map([['2,3,7', '3,7,5'], ['7,5,2', '5,2,4'], ['2,4,2', '4,2,3']]));
    // An explicit, already fitted tokenizer is used as it is.
    const chars = characterTokenizer().fit('ab');
    expect([...(await loadTextCorpus('abcab', { text: true, tokenizer: chars, sequenceLength: 2 })).ids]).toEqual([2, 3, 1, 2, 3]);
    await expect(loadTextCorpus('a b', { text: true, sequenceLength: 1, stride: 0 })).rejects.toThrow('loadTextCorpus: stride must be an integer ≥ 1. Received: stride=0');
  });

  it('a folder per class and a CSV give [ids, label] elements', async () => {
    const dir = join(tmp, 'folder');
    mkdirSync(dir);
    for (const [cls, files] of [['neg', { 'a.txt': 'bad movie', 'b.txt': 'awful, bad' }], ['pos', { 'c.txt': 'great movie' }]] as const) {
      mkdirSync(join(dir, cls));
      for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, cls, f), text);
    }
    const folder = await loadTextFolder(dir);
    expect(folder.classNames).toEqual(['neg', 'pos']);
    expect([...folder.labels]).toEqual([0, 0, 1]);
    expect(folder.files).toEqual([join(dir, 'neg', 'a.txt'), join(dir, 'neg', 'b.txt'), join(dir, 'pos', 'c.txt')]);
    expect(folder.texts).toEqual(['bad movie', 'awful, bad', 'great movie']);
    const tok = wordTokenizer().fit(folder.texts);
    const [batch] = await folder.dataset({ tokenizer: tok, sequenceLength: 3 }).batch(3).toArray();
    expect(await batch![0].array()).toEqual([tok.encode('bad movie').concat([0]), tok.encode('awful bad').concat([0]), tok.encode('great movie').concat([0])]);
    expect(await batch![1].array()).toEqual([0, 0, 1]);
    const csv = join(dir, 'reviews.csv');
    writeFileSync(csv, 'id,review,sentiment\n1,"loved it, really",pos\n2,meh,neg\n');
    const fromCsv = await loadTextCsv(csv, { textColumn: 'review', labelColumn: 'sentiment' });
    expect(fromCsv.texts).toEqual(['loved it, really', 'meh']);
    expect([...fromCsv.labels]).toEqual([1, 0]);
    await expect(loadTextCsv(csv, { textColumn: 'text', labelColumn: 'sentiment' })).rejects.toThrow("loadTextCsv: '" + csv + "' has no column 'text'. Received columns: id, review, sentiment");
  });

  it('labelled loaders name the file or folder they cannot use', async () => {
    const dir = join(tmp, 'broken');
    mkdirSync(join(dir, 'a'), { recursive: true });
    writeFileSync(join(dir, 'a', 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9])); // 'café' in Latin-1
    await expect(loadTextFolder(dir)).rejects.toThrow(`loadTextFolder: '${join(dir, 'a', 'latin1.txt')}' is not valid UTF-8 text (convert it, e.g. iconv -t UTF-8). Received: 4 bytes`);
    await expect(loadTextFolder(join(tmp, 'missing'))).rejects.toThrow(/missing/);
    const headerOnly = join(tmp, 'header.csv');
    writeFileSync(headerOnly, 'text,label\n');
    await expect(loadTextCsv(headerOnly, { textColumn: 'text', labelColumn: 'label' })).rejects.toThrow(`loadTextCsv: '${headerOnly}' has a header but no rows`);
    await expect(loadTextCsv(join(tmp, 'none.csv'), { textColumn: 'text', labelColumn: 'label' })).rejects.toThrow(/cannot read '.*none.csv'/);
    const csv = join(tmp, 'ok.csv');
    writeFileSync(csv, 'text,label\nhi,x\n');
    const ok = await loadTextCsv(csv, { textColumn: 'text', labelColumn: 'label' });
    expect(() => ok.dataset({ tokenizer: wordTokenizer().fit('hi'), sequenceLength: 0 })).toThrow('loadTextCsv: sequenceLength must be an integer ≥ 1. Received: sequenceLength=0');
  });
});
