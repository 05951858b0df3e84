/**
 * Labelled text for classifiers: a folder per class of .txt files (the IMDB / 20 Newsgroups
 * layout), or a CSV with a text column and a label column. Texts are read at load time (text
 * data sets are small next to images); `dataset({tokenizer, sequenceLength})` encodes them.
 */
import { TesseraError } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { fromArrays, type Dataset } from '../dataset.js';
import { listClassFolders } from '../files.js';
import { parseCsv } from '../tabular/csv.js';
import { readUtf8 } from './corpus.js';
import type { Tokenizer } from './tokenizers.js';

export interface LabelledTextDatasetOptions {
  tokenizer: Tokenizer;
  /**
   * Pads (after the text, with 0) or cuts (the end) every encoded text to this length, as Keras
   * TextVectorization's output_sequence_length does (padSequences defaults to the other ends).
   */
  sequenceLength: number;
}

export interface LabelledTexts {
  classNames: string[];
  /** Where each text came from (folder loader only; a CSV gives none). */
  files?: string[];
  texts: string[];
  labels: Int32Array;
  /** `[ids int32 [sequenceLength], label int32 []]` elements in order. */
  dataset(options: LabelledTextDatasetOptions): Dataset<[Tensor, Tensor]>;
}

function labelledTexts(classNames: string[], texts: string[], labels: Int32Array, what: string, files?: string[]): LabelledTexts {
  return {
    classNames,
    ...(files ? { files } : {}),
    texts,
    labels,
    dataset({ tokenizer, sequenceLength }) {
      if (!tokenizer || typeof tokenizer.encode !== 'function') throw new TesseraError(`${what}: dataset() needs {tokenizer, sequenceLength}`);
      if (!Number.isInteger(sequenceLength) || sequenceLength < 1) throw new TesseraError(`${what}: sequenceLength must be an integer ≥ 1. Received: sequenceLength=${sequenceLength}`);
      return fromArrays(texts.map((_, i) => i)).map((i): [Tensor, Tensor] => {
        const ids = new Int32Array(sequenceLength);
        const enc = tokenizer.encode(texts[i]!);
        ids.set(enc.length > sequenceLength ? enc.slice(0, sequenceLength) : enc);
        return [fromData(ids, [sequenceLength], 'int32'), fromData(Int32Array.of(labels[i]!), [], 'int32')];
      });
    },
  };
}

/** `dir/<class>/<file>.txt` (UTF-8); classes are the sorted subfolder names. */
export async function loadTextFolder(dir: string, options: { extensions?: readonly string[] } = {}): Promise<LabelledTexts> {
  const listing = await listClassFolders(dir, { extensions: options.extensions ?? ['txt'] });
  // A few reads at a time: IMDB's 25,000 files read all at once would exhaust file descriptors.
  const texts = new Array<string>(listing.files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < texts.length) {
      const i = next++;
      texts[i] = await readUtf8('loadTextFolder', listing.files[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, texts.length) }, worker));
  return labelledTexts(listing.classNames, texts, listing.labels, 'loadTextFolder', listing.files);
}

/** A CSV (header row) with a text column and a label column; classes are the sorted label values. */
export async function loadTextCsv(path: string, options: { textColumn: string; labelColumn: string; delimiter?: string }): Promise<LabelledTexts> {
  const { header, rows } = parseCsv(await readUtf8('loadTextCsv', path), `'${path}'`, options.delimiter);
  const col = (name: string): number => {
    const c = header.indexOf(name);
    if (c < 0) throw new TesseraError(`loadTextCsv: '${path}' has no column '${name}'. Received columns: ${header.join(', ')}`);
    return c;
  };
  const t = col(options.textColumn);
  const l = col(options.labelColumn);
  if (rows.length === 0) throw new TesseraError(`loadTextCsv: '${path}' has a header but no rows`);
  const classNames = [...new Set(rows.map((r) => r[l]!))].sort();
  const labels = Int32Array.from(rows, (r) => classNames.indexOf(r[l]!));
  return labelledTexts(classNames, rows.map((r) => r[t]!), labels, 'loadTextCsv');
}
