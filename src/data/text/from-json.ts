/** Restores any tokenizer saved with `toJSON()`. */
import { BpeTokenizer, type BpeJSON } from './bpe.js';
import { PretrainedTokenizer } from './hf-tokenizer.js';
import { wordOrCharacterFromJSON, type Tokenizer, type TokenizerJSON } from './tokenizers.js';

export function tokenizerFromJSON(json: TokenizerJSON): Tokenizer {
  if (json.kind === 'bpe') return BpeTokenizer.fromJSON(json as BpeJSON);
  if (json.kind === 'huggingface') return new PretrainedTokenizer(json['tokenizer'] as Record<string, unknown>, (json['config'] ?? {}) as Record<string, unknown>);
  return wordOrCharacterFromJSON(json);
}
