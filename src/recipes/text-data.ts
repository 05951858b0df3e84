/**
 * Shared by the text recipes: labelled texts (a folder per class of .txt files, or a CSV with
 * `text` and `label` columns) → a word tokenizer fitted on the training texts → padded id tensors.
 */
import * as tsr from '../api.js';
import type { RecipeData, RecipeOptions } from './recipe.js';

export const TEXT_LAYOUT = 'a folder per class of .txt files, or a CSV with text and label columns';
export const SEQUENCE_LENGTH = 64;

export async function loadLabelledText(who: string, options: RecipeOptions): Promise<RecipeData> {
  if (!options.data) throw new tsr.TesseraError(`${who}: pass --data <folder or file.csv>`);
  const labelled = options.data.toLowerCase().endsWith('.csv')
    ? await tsr.data.text.loadTextCsv(options.data, { textColumn: 'text', labelColumn: 'label' })
    : await tsr.data.text.loadTextFolder(options.data);
  const n = Math.min(labelled.texts.length, options.limit ?? Infinity);
  const order = tsr.data.randomPermutation(labelled.texts.length, tsr.data.hostRandom(options.seed)).subarray(0, n);
  const nTest = Math.max(1, Math.round(n * 0.2));
  const trainRows = order.subarray(0, n - nTest); // the permutation's head trains, its tail tests
  // The vocabulary comes from the training texts only, so test words unseen in training stay OOV;
  // a trained model being evaluated keeps its own.
  const savedTokenizer = options.saved?.['tokenizer'] as tsr.data.text.TokenizerJSON | undefined;
  const tokenizer = savedTokenizer ? tsr.data.text.tokenizerFromJSON(savedTokenizer)
    : tsr.data.text.wordTokenizer({ maxSize: 20000 }).fit(Array.from(trainRows, (i) => labelled.texts[i]!));
  const x = tsr.data.text.padSequences(Array.from(order, (i) => tokenizer.encode(labelled.texts[i]!)), { maxlen: SEQUENCE_LENGTH, padding: 'post', truncating: 'post' });
  const y = tsr.tensor(Array.from(order, (i) => labelled.labels[i]!), [n], 'int32');
  const nTrain = n - nTest;
  return {
    train: { x: tsr.slice(x, [0, 0], [nTrain, -1]), y: tsr.slice(y, [0], [nTrain]) },
    test: { x: tsr.slice(x, [nTrain, 0], [nTest, -1]), y: tsr.slice(y, [nTrain], [nTest]) },
    classNames: labelled.classNames,
    description: `${options.data}: ${n} texts in ${labelled.classNames.length} classes, vocabulary ${tokenizer.vocabularySize}, ${SEQUENCE_LENGTH} tokens each`,
    metadata: { tokenizer: tokenizer.toJSON(), sequenceLength: SEQUENCE_LENGTH },
  };
}
