import { describe, expect, it } from 'vitest';
import { Vocabulary, compareCodePoints } from '../../../src/data/text/vocabulary.js';
import { characterTokenizer, wordTokenizer, standardize } from '../../../src/data/text/tokenizers.js';
import { tokenizerFromJSON } from '../../../src/data/text/from-json.js';

describe('Vocabulary', () => {
  it('reserves padding (0) and OOV (1), orders by frequency then code point, honours minFrequency and maxSize', () => {
    const v = Vocabulary.build(['b', 'a', 'c', 'a', 'b', 'd', 'a', 'b', 'c'], { minFrequency: 2 });
    expect(v.tokens).toEqual(['', '[UNK]', 'a', 'b', 'c']);
    expect(v.indexOf('d')).toBe(1);
    expect(v.encode(['c', 'zz', 'a'])).toEqual([4, 1, 2]);
    expect(v.decode([2, 0, 3, 1])).toEqual(['a', 'b', '[UNK]']);
    expect(Vocabulary.build('aabbbc', { maxSize: 4 }).tokens).toEqual(['', '[UNK]', 'b', 'a']);
    const s = Vocabulary.build(['x'], { paddingToken: '<pad>', oovToken: '<unk>', specialTokens: ['<bos>'] });
    expect(s.tokens).toEqual(['<pad>', '<unk>', '<bos>', 'x']);
    expect(Vocabulary.fromJSON(JSON.parse(JSON.stringify(v.toJSON()))).tokens).toEqual(v.tokens);
  });

  it('breaks ties in code-point order (as Python sorted()), not UTF-16 order', () => {
    // U+FF01 '！' < U+1F44B '👋' as code points, though '👋' starts with the lower UTF-16 unit U+D83D.
    expect(Vocabulary.build(['👋', '！', 'b', 'a', 'b']).tokens).toEqual(['', '[UNK]', 'b', 'a', '！', '👋']);
    expect(['b', '👋', 'ab', '！', 'a'].sort(compareCodePoints)).toEqual(['a', 'ab', 'b', '！', '👋']);
  });

  it('checks its arguments', () => {
    expect(() => Vocabulary.build([], { maxSize: 1 })).toThrow('Vocabulary.build: maxSize must leave room for the 2 reserved tokens. Received: maxSize=1');
    expect(() => Vocabulary.build([], { minFrequency: 0 })).toThrow(/minFrequency must be an integer ≥ 1/);
    expect(() => new Vocabulary(['', 'a', 'a'])).toThrow(/appears twice/);
    expect(() => new Vocabulary(['']).size).toThrow(/at least the padding and OOV tokens/);
    expect(() => Vocabulary.build(['a']).tokenOf(9)).toThrow('Vocabulary: index must be in 0..2. Received: 9');
  });
});

describe('character and word tokenizers', () => {
  it('characters are code points (an emoji is one token), fit/encode/decode round-trip', () => {
    const t = characterTokenizer().fit(['héllo 👋', 'hello']);
    const ids = t.encode('hé👋!');
    expect(ids).toHaveLength(4);
    expect(ids[3]).toBe(1); // '!' was never seen
    expect(t.decode(t.encode('hello 👋'))).toBe('hello 👋');
    expect(t.vocabulary!.tokens.slice(2, 5)).toEqual(['l', 'h', 'o']); // l×4, then h×2 and o×2 in code-point order
    const back = tokenizerFromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(back.encode('hé👋!')).toEqual(ids);
    expect(() => characterTokenizer().encode('x')).toThrow('characterTokenizer: call fit(texts) first (or pass a vocabulary)');
  });

  it("words follow Keras TextVectorization's lower_and_strip_punctuation and whitespace split", () => {
    expect(standardize("It's a Test, isn't it?!", 'lower_and_strip_punctuation')).toBe('its a test isnt it');
    expect(standardize('A-b', 'lower')).toBe('a-b');
    expect(standardize('A-b', 'strip_punctuation')).toBe('Ab');
    const t = wordTokenizer().fit(['The cat sat.', 'the CAT ran!', 'a dog']);
    expect(t.vocabulary!.tokens).toEqual(['', '[UNK]', 'cat', 'the', 'a', 'dog', 'ran', 'sat']);
    expect(t.encode('The  dog sat on the mat')).toEqual([3, 5, 7, 1, 3, 1]);
    expect(t.decode([3, 2, 0, 0])).toBe('the cat');
    expect(tokenizerFromJSON(t.toJSON()).encode('the cat')).toEqual([3, 2]);
    const keepCase = wordTokenizer({ standardize: null, maxSize: 3 }).fit('B b B');
    expect(keepCase.vocabulary!.tokens).toEqual(['', '[UNK]', 'B']);
  });
});
