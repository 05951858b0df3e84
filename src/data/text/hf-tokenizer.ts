/**
 * Pre-trained Hugging Face tokenizers (a `tokenizer.json`, e.g. from a model on the Hub) behind
 * Tessera's Tokenizer interface, through tokenizers.js (`@huggingface/tokenizers`, pure JS: the
 * same code in Node and the browser).
 */
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { TesseraError } from '../../core/errors.js';
import { readFileText } from '../../io/node-fs.js';
import type { Tokenizer, TokenizerJSON } from './tokenizers.js';

export class PretrainedTokenizer implements Tokenizer {
  readonly kind = 'huggingface';
  private readonly hf: HfTokenizer;

  constructor(readonly json: Record<string, unknown>, readonly config: Record<string, unknown> = {}, source = 'tokenizer.json') {
    if (typeof json !== 'object' || json === null || typeof json['model'] !== 'object') {
      throw new TesseraError(`loadTokenizer: ${source} is not a Hugging Face tokenizer.json (no "model" object)`);
    }
    try {
      this.hf = new HfTokenizer(json, config);
    } catch (e) {
      throw new TesseraError(`loadTokenizer: ${source} could not be loaded by tokenizers.js: ${(e as Error).message}`);
    }
  }

  get vocabularySize(): number {
    const vocab = (this.json['model'] as { vocab?: Record<string, number> | unknown[] }).vocab;
    const base = Array.isArray(vocab) ? vocab.length : Object.keys(vocab ?? {}).length;
    const added = (this.json['added_tokens'] as { id: number }[] | undefined) ?? [];
    return Math.max(base, ...added.map((t) => t.id + 1));
  }

  /** Ids of `text` (without the model's special tokens unless `addSpecialTokens`). */
  encode(text: string, options: { addSpecialTokens?: boolean } = {}): number[] {
    return this.hf.encode(text, { add_special_tokens: options.addSpecialTokens ?? false }).ids;
  }

  decode(ids: Iterable<number>, options: { skipSpecialTokens?: boolean } = {}): string {
    return this.hf.decode([...ids], { skip_special_tokens: options.skipSpecialTokens ?? false });
  }

  toJSON(): TokenizerJSON {
    return { kind: this.kind, tokenizer: this.json, config: this.config };
  }
}

/**
 * A Hugging Face tokenizer from a tokenizer.json path (Node), its parsed JSON, or its text; an
 * optional tokenizer_config.json object sets special-token behaviour as on the Hub.
 */
export async function loadTokenizer(source: string | Record<string, unknown>, config: Record<string, unknown> = {}): Promise<PretrainedTokenizer> {
  if (typeof source !== 'string') return new PretrainedTokenizer(source, config, 'the given JSON');
  const isJsonText = source.trimStart().startsWith('{');
  const text = isJsonText ? source : await readFileText('loadTokenizer', source);
  const name = isJsonText ? 'the given text' : `'${source}'`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TesseraError(`loadTokenizer: ${name} is not valid JSON: ${(e as Error).message}`);
  }
  return new PretrainedTokenizer(json as Record<string, unknown>, config, name);
}
