import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BpeTokenizer, bpeTokenizer, preTokens } from '../../../src/data/text/bpe.js';
import { loadTokenizer } from '../../../src/data/text/hf-tokenizer.js';
import { tokenizerFromJSON } from '../../../src/data/text/from-json.js';

const TEXTBOOK = 'low low low low low lower lower newest newest newest newest newest newest widest widest widest';

const CORPUS = [
  'The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!',
  "It's 2026 and we're training tokenizers: 12345 tokens, 3.14 pies, naïve café déjà vu.",
  'Ünïcödé, 日本語のテキスト, emojis 👋🌍 and   multiple   spaces\nand new lines\n\n',
].join('\n');

const tmp = mkdtempSync(join(tmpdir(), 'bpe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A hand-written BERT-style tokenizer.json (WordPiece, lowercasing, [CLS] … [SEP] template).
const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
const WORDPIECE = {
  version: '1.0', truncation: null, padding: null,
  added_tokens: [special(0, '[PAD]'), special(1, '[UNK]'), special(2, '[CLS]'), special(3, '[SEP]')],
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
    special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100,
    vocab: { '[PAD]': 0, '[UNK]': 1, '[CLS]': 2, '[SEP]': 3, hello: 4, ',': 5, world: 6, '!': 7, un: 8, '##believ': 9, '##able': 10, the: 11 },
  },
};

/** Sennrich et al.'s textbook loop, recounting every pair each step: the reference for the incremental trainer. */
function naiveMerges(text: string, numMerges: number, minFrequency: number): [string, string][] {
  const counts = new Map<string, number>();
  for (const w of preTokens(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let words = [...counts].map(([w, c]) => ({ symbols: Array.from(w), count: c }));
  const merges: [string, string][] = [];
  while (merges.length < numMerges) {
    const pairs = new Map<string, number>();
    for (const { symbols, count } of words) for (let i = 0; i + 1 < symbols.length; i++) pairs.set(`${symbols[i]} ${symbols[i + 1]}`, (pairs.get(`${symbols[i]} ${symbols[i + 1]}`) ?? 0) + count);
    const best = [...pairs].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    if (!best || best[1] < minFrequency) break;
    const [a, b] = best[0].split(' ') as [string, string];
    merges.push([a, b]);
    words = words.map(({ symbols, count }) => {
      const next: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (symbols[i] === a && symbols[i + 1] === b) next.push(a + b), i++;
        else next.push(symbols[i]!);
      }
      return { symbols: next, count };
    });
  }
  return merges;
}

describe('byte-level BPE', () => {
  it('learns the textbook merges (most frequent pair first, ties in code-point order)', () => {
    const t = bpeTokenizer(TEXTBOOK, { vocabSize: 256 + 4 });
    expect(t.merges).toEqual([['e', 's'], ['es', 't'], ['l', 'o'], ['lo', 'w']]);
    expect(t.vocabularySize).toBe(260);
    // ' newest' → Ġ n e w est: the merges apply, the rest stays bytes.
    expect(t.encode(' newest').map((id) => t.idToToken(id))).toEqual(['Ġ', 'n', 'e', 'w', 'est']);
  });

  it('learns the same merges as the textbook loop that recounts every pair', () => {
    const text = CORPUS.repeat(2) + ' aaaaaaa aaaa aaa abcabc bcabca';
    for (const minFrequency of [1, 2, 4]) {
      const t = bpeTokenizer(text, { vocabSize: 256 + 150, minFrequency });
      expect(t.merges).toEqual(naiveMerges(text, 150, minFrequency));
    }
  });

  it('stops at minFrequency, encodes any text (all 256 bytes), decodes back exactly', () => {
    const t = bpeTokenizer(CORPUS, { vocabSize: 1000, minFrequency: 2, specialTokens: ['<pad>', '<eos>'] });
    expect(t.vocabularySize).toBeLessThan(1000); // ran out of pairs seen twice
    for (const text of [CORPUS, 'never seen: ЖЖЖ ☃ \u0000 \t end', '']) expect(t.decode(t.encode(text))).toBe(text);
    const ids = t.encode('the fox<eos>');
    expect(ids[ids.length - 1]).toBe(1);
    expect(t.decode(ids, { skipSpecialTokens: true })).toBe('the fox');
    expect(tokenizerFromJSON(JSON.parse(JSON.stringify(t.toJSON()))).encode(CORPUS)).toEqual(t.encode(CORPUS));
  });

  it('saves a Hugging Face tokenizer.json that tokenizers.js encodes to the same ids', async () => {
    const t = bpeTokenizer(CORPUS.repeat(3), { vocabSize: 400, specialTokens: ['<pad>', '<unk>'] });
    const path = join(tmp, 'tokenizer.json');
    await t.save(path);
    const hf = await loadTokenizer(path);
    expect(hf.vocabularySize).toBe(t.vocabularySize);
    const sentences = [
      'The lazy fox sleeps.', "we're naïve: 3.14 × 2 = 6.28", '  leading and trailing spaces  ', 'tabs\tand\nnewlines',
      '日本語 and 👋 emoji', 'unseen words: zyxwvut qqq', 'special<pad>tokens <unk> inside', CORPUS,
    ];
    for (const s of sentences) {
      expect(hf.encode(s)).toEqual(t.encode(s));
      expect(hf.decode(t.encode(s))).toBe(s);
    }
  });

  it('keeps one id for a token two merges spell (x+yz, xy+z), as HF does', async () => {
    const t = new BpeTokenizer(['<pad>'], [['a', 'b'], ['b', 'c'], ['ab', 'c'], ['a', 'bc']]);
    expect(t.vocabularySize).toBe(1 + 256 + 3); // ab, bc, abc
    expect(t.encode('abc bc')).toEqual([259, 33, 258]); // abc, Ġ (byte 32 → id 33), bc
    const hf = await loadTokenizer(t.toHuggingFace());
    expect(hf.encode('abc bc xabcy')).toEqual(t.encode('abc bc xabcy'));
  });

  it('checks its arguments and files', async () => {
    expect(() => bpeTokenizer('abc', { vocabSize: 100 })).toThrow('bpeTokenizer.train: vocabSize must be an integer ≥ 256 (the special tokens and 256 bytes). Received: vocabSize=100');
    expect(() => new BpeTokenizer([], [['x', 'zz']])).toThrow(/merge 0 joins unknown tokens/);
    expect(() => bpeTokenizer('ab', { vocabSize: 300 }).idToToken(5000)).toThrow('bpeTokenizer: id must be in 0..255. Received: 5000');
    await expect(loadTokenizer('/nonexistent/tokenizer.json')).rejects.toThrow("loadTokenizer: cannot read '/nonexistent/tokenizer.json'");
    await expect(loadTokenizer('{"model": ')).rejects.toThrow(/the given text is not valid JSON/);
    await expect(loadTokenizer({ version: '1.0' })).rejects.toThrow(/not a Hugging Face tokenizer.json \(no "model" object\)/);
  });
});

describe('pre-trained Hugging Face tokenizers (loadTokenizer)', () => {
  it('wraps a WordPiece tokenizer.json: normalizer, pre-tokenizer, template and decoder', async () => {
    const path = join(tmp, 'wordpiece.json');
    writeFileSync(path, JSON.stringify(WORDPIECE));
    const t = await loadTokenizer(path);
    expect(t.vocabularySize).toBe(12);
    // lowercased, split at punctuation, 'unbelievable' → un ##believ ##able, 'zzz' unknown.
    expect(t.encode('Hello, unbelievable WORLD! zzz')).toEqual([4, 5, 8, 9, 10, 6, 7, 1]);
    expect(t.encode('Hello world', { addSpecialTokens: true })).toEqual([2, 4, 6, 3]);
    expect(t.decode([2, 4, 5, 8, 9, 10, 6, 7, 3], { skipSpecialTokens: true })).toBe('hello, unbelievable world!');
    const back = tokenizerFromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(back.kind).toBe('huggingface');
    expect(back.encode('the world')).toEqual([11, 6]);
  });
});
