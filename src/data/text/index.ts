/** tsr.data.text: vocabularies, character/word/BPE tokenizers, pre-trained HF tokenizers, padding, corpus and labelled-text loaders. */
export { Vocabulary, type VocabularyJSON, type VocabularyOptions } from './vocabulary.js';
export {
  CharacterTokenizer, WordTokenizer, characterTokenizer, wordTokenizer, standardize,
  type CharacterTokenizerOptions, type Standardize, type Tokenizer, type TokenizerJSON, type WordTokenizerOptions,
} from './tokenizers.js';
export { BpeTokenizer, bpeTokenizer, type BpeJSON, type BpeTrainOptions } from './bpe.js';
export { PretrainedTokenizer, loadTokenizer } from './hf-tokenizer.js';
export { tokenizerFromJSON } from './from-json.js';
export { padSequences, type PadSequencesOptions } from './pad-sequences.js';
export { loadTextCorpus, readUtf8, type TextCorpus, type TextCorpusOptions } from './corpus.js';
export { loadTextCsv, loadTextFolder, type LabelledTextDatasetOptions, type LabelledTexts } from './labelled.js';
