/**
 * A token ↔ index table with Keras StringLookup's reserved entries: index 0 is the padding token
 * and index 1 the out-of-vocabulary token, then the vocabulary by descending frequency (ties in
 * Unicode code-point order, as Python's sorted(), so the same corpus gives the same table on every
 * machine and locale; Keras's adapt() breaks ties the other way, high to low).
 */
import { TesseraError } from '../../core/errors.js';

/**
 * Unicode code-point order. JS's `<` compares UTF-16 units, which puts astral characters (emoji,
 * U+1xxxx) before U+E000–U+FFFF; this does not.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++; // both hold the same surrogate pair
  }
  return a.length - b.length;
}

export interface VocabularyOptions {
  /** Tokens seen fewer times are left out (they encode as the OOV token). Default 1. */
  minFrequency?: number;
  /** The largest table, reserved tokens included (Keras's max_tokens). Default unlimited. */
  maxSize?: number;
  /** Index 0. Default '' (Keras's mask token for StringLookup/TextVectorization). */
  paddingToken?: string;
  /** Index 1. Default '[UNK]'. */
  oovToken?: string;
  /** Tokens kept right after the reserved ones whatever their frequency (e.g. '<bos>'). */
  specialTokens?: readonly string[];
}

export interface VocabularyJSON {
  tokens: string[];
}

export class Vocabulary {
  private readonly index = new Map<string, number>();

  /** `tokens[0]` is the padding token, `tokens[1]` the OOV token. */
  constructor(readonly tokens: readonly string[]) {
    if (tokens.length < 2) throw new TesseraError(`Vocabulary: needs at least the padding and OOV tokens. Received: ${tokens.length} tokens`);
    tokens.forEach((t, i) => {
      if (this.index.has(t)) throw new TesseraError(`Vocabulary: token ${JSON.stringify(t)} appears twice (at ${this.index.get(t)} and ${i})`);
      this.index.set(t, i);
    });
  }

  /** Counts `tokens` and keeps the frequent ones. */
  static build(tokens: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
    const minFrequency = options.minFrequency ?? 1;
    if (!Number.isInteger(minFrequency) || minFrequency < 1) throw new TesseraError(`Vocabulary.build: minFrequency must be an integer ≥ 1. Received: minFrequency=${minFrequency}`);
    const reserved = [options.paddingToken ?? '', options.oovToken ?? '[UNK]', ...(options.specialTokens ?? [])];
    const maxSize = options.maxSize ?? Infinity;
    if (maxSize < reserved.length) throw new TesseraError(`Vocabulary.build: maxSize must leave room for the ${reserved.length} reserved tokens. Received: maxSize=${maxSize}`);
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    const kept = [...counts.entries()]
      .filter(([t, c]) => c >= minFrequency && !reserved.includes(t))
      .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
      .slice(0, maxSize - reserved.length)
      .map(([t]) => t);
    return new Vocabulary([...reserved, ...kept]);
  }

  get size(): number {
    return this.tokens.length;
  }

  get paddingToken(): string {
    return this.tokens[0]!;
  }

  get oovToken(): string {
    return this.tokens[1]!;
  }

  /** The index of `token`, or 1 (OOV) when it is not in the table. */
  indexOf(token: string): number {
    return this.index.get(token) ?? 1;
  }

  has(token: string): boolean {
    return this.index.has(token);
  }

  tokenOf(index: number): string {
    const t = this.tokens[index];
    if (t === undefined) throw new TesseraError(`Vocabulary: index must be in 0..${this.size - 1}. Received: ${index}`);
    return t;
  }

  encode(tokens: Iterable<string>): number[] {
    return Array.from(tokens, (t) => this.indexOf(t));
  }

  /** Tokens of `ids`, leaving out padding (index 0). */
  decode(ids: Iterable<number>): string[] {
    const out: string[] = [];
    for (const i of ids) if (i !== 0) out.push(this.tokenOf(i));
    return out;
  }

  toJSON(): VocabularyJSON {
    return { tokens: [...this.tokens] };
  }

  static fromJSON(json: VocabularyJSON): Vocabulary {
    if (!json || !Array.isArray(json.tokens) || !json.tokens.every((t) => typeof t === 'string')) {
      throw new TesseraError('Vocabulary.fromJSON: expected {tokens: string[]}');
    }
    return new Vocabulary(json.tokens);
  }
}
