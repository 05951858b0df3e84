/**
 * Byte-level byte-pair encoding (GPT-2's scheme): text is split into pre-tokens by GPT-2's pattern,
 * each pre-token's UTF-8 bytes are written as printable stand-in characters, and merges learned
 * from pair counts join them. Any text encodes (all 256 bytes are in the vocabulary), and the
 * tokenizer saves as a Hugging Face `tokenizer.json`, loadable by HF's tokenizers (Rust, Python) and
 * tokenizers.js.
 *
 * Written here because no maintained npm package trains BPE with vocabulary size, minimum frequency
 * and special tokens: HF's native Node binding (`tokenizers`, napi-rs, 0.15) exposes
 * `Tokenizer.train(files)` with an option-less `Trainer` (the `bpeTrainer({vocabSize, …})` of the
 * old neon binding, ≤ 0.13, is gone), it is a native module (no browser), and the pure-JS
 * tokenizers.js (`@huggingface/tokenizers`) only encodes. Encoding a pre-trained file goes through tokenizers.js
 * (hf-tokenizer.ts); the tests check that it encodes this trainer's files the same way.
 */
import { TesseraError } from '../../core/errors.js';
import { writeFileAtomic } from '../../io/node-fs.js';
import type { Tokenizer, TokenizerJSON } from './tokenizers.js';

// GPT-2's pre-tokenisation pattern (as HF's ByteLevel pre-tokenizer uses it).
const PRE_TOKEN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** GPT-2's printable stand-ins for the 256 byte values (bytes_to_unicode). */
function byteAlphabet(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const out: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) out[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  return out;
}

const BYTE_TO_CHAR = byteAlphabet();
const CHAR_TO_BYTE = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));
const encoder = new TextEncoder();

/** GPT-2 pre-tokens of `text`, in byte-level characters (exported for tests). */
export function preTokens(text: string): string[] {
  return (text.match(PRE_TOKEN) ?? []).map((piece) => Array.from(encoder.encode(piece), (b) => BYTE_TO_CHAR[b]!).join(''));
}

export interface BpeTrainOptions {
  /** The vocabulary size to reach (special tokens and the 256 bytes included). */
  vocabSize: number;
  /** A pair must occur at least this often to be merged. Default 2. */
  minFrequency?: number;
  /** Tokens with ids 0.. before the bytes (e.g. '<pad>', '<bos>', '<eos>'); never split from text. */
  specialTokens?: readonly string[];
}

export interface BpeJSON extends TokenizerJSON {
  kind: 'bpe';
  specialTokens: string[];
  merges: [string, string][];
}

export class BpeTokenizer implements Tokenizer {
  readonly kind = 'bpe';
  private readonly vocab = new Map<string, number>();
  private readonly tokens: string[] = [];
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, number[]>();
  private readonly specialPattern: RegExp | null;

  constructor(readonly specialTokens: readonly string[], readonly merges: readonly (readonly [string, string])[]) {
    const add = (t: string): void => {
      if (this.vocab.has(t)) throw new TesseraError(`bpeTokenizer: token ${JSON.stringify(t)} appears twice`);
      this.vocab.set(t, this.tokens.length);
      this.tokens.push(t);
    };
    specialTokens.forEach(add);
    BYTE_TO_CHAR.forEach(add);
    merges.forEach(([a, b], rank) => {
      if (!this.vocab.has(a) || !this.vocab.has(b)) throw new TesseraError(`bpeTokenizer: merge ${rank} joins unknown tokens. Received: ${JSON.stringify([a, b])}`);
      this.ranks.set(`${a} ${b}`, rank);
      // Two merges may spell the same token (x+yz, xy+z): it keeps its first id, as in HF's BPE.
      if (!this.vocab.has(a + b)) add(a + b);
    });
    const escaped = [...specialTokens].sort((x, y) => y.length - x.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.specialPattern = escaped.length ? new RegExp(`(${escaped.join('|')})`) : null;
  }

  /** Learns merges from `texts` until the vocabulary reaches `vocabSize` or no pair is frequent enough. */
  static train(texts: Iterable<string> | string, options: BpeTrainOptions): BpeTokenizer {
    const specialTokens = [...(options.specialTokens ?? [])];
    const minFrequency = options.minFrequency ?? 2;
    const base = specialTokens.length + 256;
    if (!Number.isInteger(options.vocabSize) || options.vocabSize < base) {
      throw new TesseraError(`bpeTokenizer.train: vocabSize must be an integer ≥ ${base} (the special tokens and 256 bytes). Received: vocabSize=${options.vocabSize}`);
    }
    if (!Number.isInteger(minFrequency) || minFrequency < 1) throw new TesseraError(`bpeTokenizer.train: minFrequency must be an integer ≥ 1. Received: minFrequency=${minFrequency}`);
    // Distinct pre-tokens with their counts: merges only ever happen inside a pre-token.
    const wordCounts = new Map<string, number>();
    for (const text of typeof texts === 'string' ? [texts] : texts) {
      const pieces = specialTokens.length ? text.split(new RegExp(specialTokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))) : [text];
      for (const piece of pieces) for (const w of preTokens(piece)) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
    }
    const words = [...wordCounts.keys()].map((w) => Array.from(w));
    const counts = [...wordCounts.values()];
    // Pair counts and, for each pair, the words holding it; updated per merge for the touched words only.
    const pairCount = new Map<string, number>();
    const pairWords = new Map<string, Set<number>>();
    const addPairs = (wi: number, sign: 1 | -1): void => {
      const w = words[wi]!;
      for (let i = 0; i + 1 < w.length; i++) {
        const key = `${w[i]} ${w[i + 1]}`;
        pairCount.set(key, (pairCount.get(key) ?? 0) + sign * counts[wi]!);
        if (sign > 0) {
          let set = pairWords.get(key);
          if (!set) pairWords.set(key, (set = new Set()));
          set.add(wi);
        }
      }
    };
    words.forEach((_, wi) => addPairs(wi, 1));
    const merges: [string, string][] = [];
    const known = new Set<string>([...specialTokens, ...BYTE_TO_CHAR]);
    while (known.size < options.vocabSize) {
      let best: string | null = null;
      let bestCount = 0;
      // Most frequent pair; ties go to the smaller pair in code-point order (deterministic).
      for (const [key, c] of pairCount) {
        if (c > bestCount || (c === bestCount && c > 0 && best !== null && key < best)) {
          best = key;
          bestCount = c;
        }
      }
      if (best === null || bestCount < minFrequency) break;
      const [a, b] = best.split(' ') as [string, string];
      merges.push([a, b]);
      const joined = a + b;
      known.add(joined);
      for (const wi of pairWords.get(best) ?? []) {
        const w = words[wi]!;
        addPairs(wi, -1);
        const next: string[] = [];
        for (let i = 0; i < w.length; i++) {
          if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
            next.push(joined);
            i++;
          } else next.push(w[i]!);
        }
        words[wi] = next;
        addPairs(wi, 1);
      }
      pairCount.delete(best);
      pairWords.delete(best);
    }
    return new BpeTokenizer(specialTokens, merges);
  }

  get vocabularySize(): number {
    return this.tokens.length;
  }

  /** The id of a token (a special token, or a byte-level symbol string). */
  tokenToId(token: string): number | undefined {
    return this.vocab.get(token);
  }

  idToToken(id: number): string {
    const t = this.tokens[id];
    if (t === undefined) throw new TesseraError(`bpeTokenizer: id must be in 0..${this.tokens.length - 1}. Received: ${id}`);
    return t;
  }

  /** Applies the merges to one pre-token, lowest rank first (the order they were learned). */
  private encodeWord(word: string): number[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    let symbols = Array.from(word);
    while (symbols.length > 1) {
      let bestRank = Infinity;
      let bestAt = -1;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const r = this.ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          bestAt = i;
        }
      }
      if (bestAt < 0) break;
      const [a, b] = this.merges[bestRank]!;
      const next: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
          next.push(a + b);
          i++;
        } else next.push(symbols[i]!);
      }
      symbols = next;
    }
    const ids = symbols.map((s) => this.vocab.get(s)!);
    if (this.cache.size < 100_000) this.cache.set(word, ids);
    return ids;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    const pieces = this.specialPattern ? text.split(this.specialPattern) : [text];
    pieces.forEach((piece, i) => {
      // split() with a capturing group puts the special tokens at odd positions.
      if (this.specialPattern && i % 2 === 1) out.push(this.vocab.get(piece)!);
      else for (const w of preTokens(piece)) out.push(...this.encodeWord(w));
    });
    return out;
  }

  /** Text of `ids`; special tokens are kept unless `skipSpecialTokens`. */
  decode(ids: Iterable<number>, options: { skipSpecialTokens?: boolean } = {}): string {
    let text = '';
    let bytes: number[] = [];
    const flush = (): void => {
      text += new TextDecoder().decode(Uint8Array.from(bytes));
      bytes = [];
    };
    for (const id of ids) {
      const token = this.idToToken(id);
      if (id < this.specialTokens.length) {
        flush();
        if (!options.skipSpecialTokens) text += token;
        continue;
      }
      for (const ch of token) bytes.push(CHAR_TO_BYTE.get(ch)!);
    }
    flush();
    return text;
  }

  toJSON(): BpeJSON {
    return { kind: 'bpe', specialTokens: [...this.specialTokens], merges: this.merges.map(([a, b]) => [a, b]) };
  }

  static fromJSON(json: BpeJSON): BpeTokenizer {
    if (json.kind !== 'bpe' || !Array.isArray(json.merges) || !Array.isArray(json.specialTokens)) {
      throw new TesseraError('bpeTokenizer.fromJSON: expected {kind: "bpe", specialTokens, merges}');
    }
    const bad = json.specialTokens.findIndex((t) => typeof t !== 'string' || t.length === 0);
    if (bad >= 0) throw new TesseraError(`bpeTokenizer.fromJSON: specialTokens must be non-empty strings. Received: a ${typeof json.specialTokens[bad]} at index ${bad}`);
    const badMerge = json.merges.findIndex((m) => !Array.isArray(m) || m.length !== 2 || typeof m[0] !== 'string' || typeof m[1] !== 'string');
    if (badMerge >= 0) throw new TesseraError(`bpeTokenizer.fromJSON: each merge must be a pair of strings. Received: merge ${badMerge} is not`);
    return new BpeTokenizer(json.specialTokens, json.merges);
  }

  /** Writes `toHuggingFace()` to `path` (a `tokenizer.json`; Node only). */
  async save(path: string): Promise<void> {
    await writeFileAtomic('bpeTokenizer.save', path, JSON.stringify(this.toHuggingFace()));
  }

  /** The Hugging Face tokenizer.json form (BPE model, ByteLevel pre-tokenizer and decoder). */
  toHuggingFace(): Record<string, unknown> {
    const vocab: Record<string, number> = {};
    this.tokens.forEach((t, i) => (vocab[t] = i));
    return {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: this.specialTokens.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: null,
      decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      model: {
        type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
        fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges: this.merges.map(([a, b]) => [a, b]),
      },
    };
  }
}

/** Trains a byte-level BPE tokenizer on `texts`. */
export function bpeTokenizer(texts: Iterable<string> | string, options: BpeTrainOptions): BpeTokenizer {
  return BpeTokenizer.train(texts, options);
}
