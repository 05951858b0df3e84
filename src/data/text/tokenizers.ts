/**
 * Tokenisers with one interface: `encode(text) → ids`, `decode(ids) → text`, `vocabularySize`,
 * `toJSON()` (restored by `tokenizerFromJSON`). Character and word tokenisers learn a Vocabulary
 * with `fit(texts)`; the BPE tokeniser (bpe.ts) learns merges; `loadTokenizer` (hf-tokenizer.ts)
 * wraps a pre-trained Hugging Face tokenizer.json.
 */
import { TesseraError } from '../../core/errors.js';
import { Vocabulary, type VocabularyJSON, type VocabularyOptions } from './vocabulary.js';

export interface Tokenizer {
  readonly kind: string;
  readonly vocabularySize: number;
  encode(text: string): number[];
  decode(ids: Iterable<number>): string;
  toJSON(): TokenizerJSON;
}

export interface TokenizerJSON {
  kind: string;
  [key: string]: unknown;
}

/** Keras TextVectorization's standardisations. */
export type Standardize = 'lower_and_strip_punctuation' | 'lower' | 'strip_punctuation' | null;

// Keras's punctuation set (string.punctuation), stripped by 'strip_punctuation'.
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

export function standardize(text: string, mode: Standardize): string {
  if (mode === null) return text;
  let out = mode === 'strip_punctuation' ? text : text.toLowerCase();
  if (mode !== 'lower') out = out.replace(PUNCTUATION, '');
  return out;
}

/** What the character and word tokenizers share: a split into tokens and a fitted Vocabulary. */
export abstract class VocabularyTokenizer implements Tokenizer {
  abstract readonly kind: string;
  vocabulary: Vocabulary | null;

  constructor(private readonly vocabularyOptions: VocabularyOptions & { vocabulary?: Vocabulary }, private readonly who: string, private readonly joiner: string) {
    this.vocabulary = vocabularyOptions.vocabulary ?? null;
  }

  /** The tokens of `text`. */
  abstract split(text: string): string[];

  /** Builds the vocabulary from `texts` (minFrequency, maxSize, reserved tokens as VocabularyOptions). */
  fit(texts: Iterable<string> | string): this {
    const all = typeof texts === 'string' ? [texts] : texts;
    const self = this;
    this.vocabulary = Vocabulary.build((function* () { for (const t of all) yield* self.split(t); })(), this.vocabularyOptions);
    return this;
  }

  protected fitted(): Vocabulary {
    if (!this.vocabulary) throw new TesseraError(`${this.who}: call fit(texts) first (or pass a vocabulary)`);
    return this.vocabulary;
  }

  get vocabularySize(): number {
    return this.fitted().size;
  }

  encode(text: string): number[] {
    return this.fitted().encode(this.split(text));
  }

  decode(ids: Iterable<number>): string {
    return this.fitted().decode(ids).join(this.joiner);
  }

  abstract toJSON(): TokenizerJSON;
}

export interface CharacterTokenizerOptions extends VocabularyOptions {
  lowercase?: boolean;
  vocabulary?: Vocabulary;
}

/** One token per Unicode code point (not per UTF-16 unit: emoji and astral characters stay whole). */
export class CharacterTokenizer extends VocabularyTokenizer {
  readonly kind = 'character';

  constructor(private readonly options: CharacterTokenizerOptions = {}) {
    super(options, 'characterTokenizer', '');
  }

  split(text: string): string[] {
    return Array.from(this.options.lowercase ? text.toLowerCase() : text);
  }

  toJSON(): TokenizerJSON {
    return { kind: this.kind, lowercase: this.options.lowercase ?? false, vocabulary: this.fitted().toJSON() };
  }
}

export interface WordTokenizerOptions extends VocabularyOptions {
  /** Default 'lower_and_strip_punctuation' (Keras TextVectorization's default). */
  standardize?: Standardize;
  vocabulary?: Vocabulary;
}

/** Words split on whitespace after Keras TextVectorization's standardisation. */
export class WordTokenizer extends VocabularyTokenizer {
  readonly kind = 'word';
  private readonly mode: Standardize;

  constructor(options: WordTokenizerOptions = {}) {
    super(options, 'wordTokenizer', ' ');
    this.mode = options.standardize === undefined ? 'lower_and_strip_punctuation' : options.standardize;
  }

  /** The words of `text` after standardisation. */
  split(text: string): string[] {
    return standardize(text, this.mode).split(/\s+/u).filter((w) => w.length > 0);
  }

  toJSON(): TokenizerJSON {
    return { kind: this.kind, standardize: this.mode, vocabulary: this.fitted().toJSON() };
  }
}

export function characterTokenizer(options: CharacterTokenizerOptions = {}): CharacterTokenizer {
  return new CharacterTokenizer(options);
}

export function wordTokenizer(options: WordTokenizerOptions = {}): WordTokenizer {
  return new WordTokenizer(options);
}

/** Rebuilds a character or word tokeniser from `toJSON()` (BPE: `bpeFromJSON`, HF: `loadTokenizer`). */
export function wordOrCharacterFromJSON(json: TokenizerJSON): Tokenizer {
  const vocabulary = Vocabulary.fromJSON(json['vocabulary'] as VocabularyJSON);
  if (json.kind === 'character') return new CharacterTokenizer({ lowercase: json['lowercase'] === true, vocabulary });
  if (json.kind === 'word') {
    const mode = json['standardize'] ?? null;
    if (mode !== null && !['lower_and_strip_punctuation', 'lower', 'strip_punctuation'].includes(mode as string)) {
      throw new TesseraError(`tokenizerFromJSON: a word tokenizer's standardize must be 'lower_and_strip_punctuation', 'lower', 'strip_punctuation' or null. Received: ${typeof mode === 'string' ? JSON.stringify(mode.slice(0, 40)) : typeof mode}`);
    }
    return new WordTokenizer({ standardize: mode as Standardize, vocabulary });
  }
  throw new TesseraError(`tokenizerFromJSON: unknown tokenizer kind (expected 'character', 'word', 'bpe' or 'huggingface'). Received: ${typeof json.kind === 'string' ? JSON.stringify(json.kind.slice(0, 40)) : typeof json.kind}`);
}
