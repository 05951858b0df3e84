/** Restores any tokenizer saved with `toJSON()`. */
import { TesseraError } from '../../core/errors.js';
import { BpeTokenizer, type BpeJSON } from './bpe.js';
import { PretrainedTokenizer } from './hf-tokenizer.js';
import { wordOrCharacterFromJSON, type Tokenizer, type TokenizerJSON } from './tokenizers.js';

export function tokenizerFromJSON(json: TokenizerJSON): Tokenizer {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || typeof json.kind !== 'string') {
    throw new TesseraError(`tokenizerFromJSON: expected a tokenizer's toJSON() object {kind, …}. Received: ${Array.isArray(json) ? 'a list' : json === null ? 'null' : typeof json === 'object' ? `kind=${typeof json.kind === 'object' ? 'an object' : String(json.kind)}` : typeof json}`);
  }
  if (json.kind === 'bpe') return BpeTokenizer.fromJSON(json as BpeJSON);
  if (json.kind === 'huggingface') return new PretrainedTokenizer(json['tokenizer'] as Record<string, unknown>, (json['config'] ?? {}) as Record<string, unknown>);
  return wordOrCharacterFromJSON(json);
}
