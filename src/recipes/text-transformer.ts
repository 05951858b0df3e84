/**
 * text-transformer: token + position embeddings → a Transformer encoder block (multi-head
 * self-attention, 4 heads) → global average pooling → Dense, on labelled texts.
 */
import * as tsr from '../api.js';
import { textBatch } from './inputs.js';
import type { Recipe } from './recipe.js';
import { compileClassifier } from './compile.js';
import { SEQUENCE_LENGTH, TEXT_LAYOUT, loadLabelledText } from './text-data.js';

export const textTransformer: Recipe = {
  name: 'text-transformer',
  description: 'token+position embedding 64 → Transformer encoder (4 heads) → pooling → Dense',
  dataLayout: TEXT_LAYOUT,
  expected: 'well above chance: 71.0% on fortunes in 4 topics (2,400 texts; chance 25%)',
  defaults: { epochs: 10, batchSize: 32 },
  load: (options) => loadLabelledText('text-transformer', options),
  predictInputs: (files, saved) => textBatch(files, saved['tokenizer'] as tsr.data.text.TokenizerJSON, saved['sequenceLength'] as number),
  scores: 'logits',
  build(data) {
    const { tokenizer } = data.metadata as { tokenizer: { vocabulary: { tokens: string[] } } };
    return compileClassifier(tsr.sequential([
      tsr.layers.tokenAndPositionEmbedding({ vocabularySize: tokenizer.vocabulary.tokens.length, sequenceLength: SEQUENCE_LENGTH, embeddingDim: 64, inputShape: [SEQUENCE_LENGTH] }),
      tsr.layers.transformerEncoder({ intermediateDim: 128, numHeads: 4 }),
      tsr.layers.globalAveragePooling1d(),
      tsr.layers.dense({ units: data.classNames!.length }),
    ], { name: 'text_transformer' }), 2e-3);
  },
};
