/** text-rnn: text classification with Embedding (masking padding) → GRU → Dense, on labelled texts. */
import * as tsr from '../api.js';
import { textBatch } from './inputs.js';
import type { Recipe } from './recipe.js';
import { compileClassifier } from './compile.js';
import { SEQUENCE_LENGTH, TEXT_LAYOUT, loadLabelledText } from './text-data.js';

export const textRnn: Recipe = {
  name: 'text-rnn',
  description: 'Embedding 64 (mask 0) → GRU 64 → Dense text classifier',
  dataLayout: TEXT_LAYOUT,
  expected: 'well above chance: 63.5% on fortunes in 4 topics (2,400 texts; chance 25%)',
  defaults: { epochs: 10, batchSize: 32 },
  load: (options) => loadLabelledText('text-rnn', options),
  predictInputs: (files, saved) => textBatch(files, saved['tokenizer'] as tsr.data.text.TokenizerJSON, saved['sequenceLength'] as number),
  scores: 'logits',
  build(data) {
    const { tokenizer } = data.metadata as { tokenizer: { vocabulary: { tokens: string[] } } };
    return compileClassifier(tsr.sequential([
      tsr.layers.embedding({ inputDim: tokenizer.vocabulary.tokens.length, outputDim: 64, maskZero: true, inputShape: [SEQUENCE_LENGTH] }),
      tsr.layers.gru({ units: 64 }),
      tsr.layers.dense({ units: data.classNames!.length }),
    ], { name: 'text_rnn' }), 2e-3);
  },
};
