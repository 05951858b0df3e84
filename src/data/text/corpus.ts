/**
 * Plain-text corpora for language models: the whole text as one id sequence, cut into windows
 * (input = ids[s .. s+L), target = ids[s+1 .. s+L+1), as a char-LSTM trains). Windows are views of
 * the one Int32Array, made when a pass reaches them, so memory is O(corpus), not O(windows × L).
 */
import { TesseraError } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { readFileBytes } from '../../io/node-fs.js';
import { Dataset } from '../dataset.js';
import { CharacterTokenizer, VocabularyTokenizer, type Tokenizer } from './tokenizers.js';

/**
 * Text of a UTF-8 file. Invalid UTF-8 is rejected rather than replaced: a wrong encoding would
 * otherwise train on U+FFFD silently.
 */
export async function readUtf8(who: string, path: string): Promise<string> {
  const bytes = await readFileBytes(who, path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TesseraError(`${who}: '${path}' is not valid UTF-8 text (convert it, e.g. iconv -t UTF-8). Received: ${bytes.length} bytes`);
  }
}

export interface TextCorpusOptions {
  /** Window length L (input and target each hold L ids). */
  sequenceLength: number;
  /** Distance between window starts. Default L (non-overlapping windows). */
  stride?: number;
  /**
   * Encodes the text; default a character tokenizer fitted on this corpus. A character or word
   * tokenizer that has not been fitted yet (`vocabulary === null`) is fitted on this corpus.
   */
  tokenizer?: Tokenizer;
  /** `source` is the text itself, not a path. */
  text?: boolean;
}

export interface TextCorpus {
  tokenizer: Tokenizer;
  /** The whole corpus as ids. */
  ids: Int32Array;
  /** The number of windows. */
  readonly size: number;
  /** `[input int32 [L], target int32 [L]]` windows in order (shuffle them yourself). */
  dataset(): Dataset<[Tensor, Tensor]>;
}

export async function loadTextCorpus(source: string, options: TextCorpusOptions): Promise<TextCorpus> {
  const { sequenceLength: L } = options;
  const stride = options.stride ?? L;
  const name = options.text ? 'the given text' : `'${source}'`;
  for (const [key, v] of [['sequenceLength', L], ['stride', stride]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new TesseraError(`loadTextCorpus: ${key} must be an integer ≥ 1. Received: ${key}=${v}`);
  }
  const text = options.text ? source : await readUtf8('loadTextCorpus', source);
  if (text.length === 0) throw new TesseraError(`loadTextCorpus: ${name} is empty`);
  const tokenizer = options.tokenizer ?? new CharacterTokenizer();
  if (tokenizer instanceof VocabularyTokenizer && tokenizer.vocabulary === null) tokenizer.fit(text);
  const ids = Int32Array.from(tokenizer.encode(text));
  if (ids.length < L + 1) {
    throw new TesseraError(`loadTextCorpus: ${name} has ${ids.length} tokens; a window needs sequenceLength + 1 = ${L + 1}. Received: sequenceLength=${L}`);
  }
  const size = Math.floor((ids.length - L - 1) / stride) + 1;
  return {
    tokenizer,
    ids,
    size,
    dataset: () => new Dataset<[Tensor, Tensor]>(async function* () {
      for (let w = 0; w < size; w++) {
        const s = w * stride;
        yield [fromData(ids.subarray(s, s + L), [L], 'int32'), fromData(ids.subarray(s + 1, s + L + 1), [L], 'int32')];
      }
    }, size),
  };
}
