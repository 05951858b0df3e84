/**
 * Image decoding in the browser (and workers): the browser's own decoders through
 * createImageBitmap, pixels read back from an OffscreenCanvas. No Node imports. Same options and
 * output as decodeImage in Node, except resizing (the browser's resampler, with 'fill' only).
 */
import { TesseraError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { checkDecodeOptions, pixelsToTensor, type DecodeImageOptions } from './decode.js';

/**
 * Decodes a Blob (a File from an input, a fetch response's blob) or encoded bytes into a tensor
 * [h, w, channels] (float32 in [0, 1], or int32 0..255). Canvas pixels are not colour-managed the same way in every
 * browser, so JPEG values may differ by a few levels from sharp's.
 */
export async function decodeImageBrowser(source: Blob | ArrayBuffer | Uint8Array, options: DecodeImageOptions = {}): Promise<Tensor> {
  const { channels, dtype, size } = checkDecodeOptions(options);
  if (size && options.fit !== undefined && options.fit !== 'fill') {
    throw new TesseraError(`decodeImageBrowser: only fit 'fill' is supported in the browser. Received: fit='${options.fit}'`);
  }
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') {
    throw new TesseraError('decodeImageBrowser: needs createImageBitmap and OffscreenCanvas (a browser or worker); in Node use decodeImage');
  }
  const blob = source instanceof Blob ? source : new Blob([source instanceof Uint8Array ? source.slice() : source]);
  let bitmap: ImageBitmap;
  try {
    const resize: ImageBitmapOptions = size ? { resizeHeight: size[0], resizeWidth: size[1], resizeQuality: options.method === 'nearest' ? 'pixelated' : 'medium' } : {};
    bitmap = await createImageBitmap(blob, { ...resize, premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch (e) {
    throw new TesseraError(`decodeImageBrowser: cannot decode the ${source instanceof Blob ? 'blob' : 'buffer'} as an image; it is corrupt, truncated or of a format this browser does not read. Received: ${blob.size} bytes (${(e as Error).message})`);
  }
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new TesseraError('decodeImageBrowser: OffscreenCanvas has no 2d context in this browser');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data } = ctx.getImageData(0, 0, width, height);
  return pixelsToTensor(data, height, width, 4, channels, dtype);
}
