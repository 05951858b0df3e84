import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { padSequences } from '../../../src/data/text/pad-sequences.js';
import { loadTextCorpus } from '../../../src/data/text/corpus.js';
import { loadTextCsv, loadTextFolder } from '../../../src/data/text/labelled.js';
import { wordTokenizer } from '../../../src/data/text/tokenizers.js';

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
});

describe('text loaders', () => {
  it('a corpus becomes (input, next-token) windows that view one id array', async () => {
    const corpus = await loadTextCorpus('abcdefghij', { text: true, sequenceLength: 4, stride: 3 });
    expect(corpus.size).toBe(2); // starts 0 and 3 (a third at 6 would need ids up to 10)
    const windows = await corpus.dataset().toArray();
    const dec = (t: unknown) => corpus.tokenizer.decode((t as { dataSync(): Int32Array }).dataSync());
    expect(windows.map(([x, y]) => [dec(x), dec(y)])).toEqual([['abcd', 'bcde'], ['defg', 'efgh']]);
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    writeFileSync(join(dir, 'bad.txt'), Buffer.from([0x61, 0xff, 0x62]));
    await expect(loadTextCorpus(join(dir, 'bad.txt'), { sequenceLength: 1 })).rejects.toThrow(/bad.txt' is not valid UTF-8 text/);
    await expect(loadTextCorpus('abc', { text: true, sequenceLength: 3 })).rejects.toThrow('loadTextCorpus: the given text has 3 tokens; a window needs sequenceLength + 1 = 4. Received: sequenceLength=3');
    await expect(loadTextCorpus('', { text: true, sequenceLength: 3 })).rejects.toThrow(/is empty/);
    await expect(loadTextCorpus('/nonexistent.txt', { sequenceLength: 3 })).rejects.toThrow("loadTextCorpus: cannot read '/nonexistent.txt'");
  });

  it('a folder per class and a CSV give [ids, label] elements', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'textfolder-'));
    for (const [cls, files] of [['neg', { 'a.txt': 'bad movie', 'b.txt': 'awful, bad' }], ['pos', { 'c.txt': 'great movie' }]] as const) {
      mkdirSync(join(dir, cls));
      for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, cls, f), text);
    }
    const folder = await loadTextFolder(dir);
    expect(folder.classNames).toEqual(['neg', 'pos']);
    expect([...folder.labels]).toEqual([0, 0, 1]);
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
});
