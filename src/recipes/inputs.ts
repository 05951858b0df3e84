/** Turning files named on the command line into one batch of model inputs (tessera predict). */
import * as tsr from '../api.js';

/** Images decoded (sharp), resized to size×size with `channels`, stacked: [n, size, size, channels] in [0, 1]. */
export async function imageBatch(files: readonly string[], size: number, channels: 1 | 3): Promise<tsr.Tensor> {
  const images = await Promise.all(files.map((f) => tsr.data.image.decodeImage(f, { size: [size, size], channels })));
  return tsr.stack(images);
}

/** Texts of files (UTF-8), encoded by a saved tokenizer, padded/cut at the end: [n, length] int32. */
export async function textBatch(files: readonly string[], tokenizerJson: tsr.data.text.TokenizerJSON, length: number): Promise<tsr.Tensor> {
  const tokenizer = tsr.data.text.tokenizerFromJSON(tokenizerJson);
  const texts = await Promise.all(files.map((f) => tsr.data.text.readUtf8('predict', f)));
  return tsr.data.text.padSequences(texts.map((t) => tokenizer.encode(t)), { maxlen: length, padding: 'post', truncating: 'post' });
}
