/**
 * Image decoding in Node through sharp (libvips: PNG, JPEG, WebP, GIF, TIFF, AVIF, …) into a
 * tensor [h, w, c], channels last, RGB order. sharp is imported when first used (a variable
 * specifier, so the browser bundle does not try to include it; the browser uses decode-browser.ts).
 */
import type { Sharp, SharpOptions } from 'sharp';
import { TesseraError } from '../../core/errors.js';
import { readFileBytes } from '../../io/node-fs.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { checkSize } from './layout.js';
import { LUMA_WEIGHTS } from './transforms.js';

export type ImageChannels = 1 | 3 | 4;

/**
 * 'float32' gives values in [0, 1] (pixel / 255, as tf.image.convert_image_dtype and torchvision's
 * ToTensor); 'uint8' and 'int32' both give int32 tensors of 0..255 (Tessera has no uint8 dtype).
 */
export type ImageDtype = 'float32' | 'int32' | 'uint8';

export interface DecodeImageOptions {
  /** 1 (luma: 0.2989 R + 0.587 G + 0.114 B), 3 (RGB; alpha dropped) or 4 (RGBA; opaque alpha added). Default 3. */
  channels?: ImageChannels;
  /** 'float32' (default): values in [0, 1]; 'uint8'/'int32': integers 0..255 in an int32 tensor. */
  dtype?: ImageDtype;
  /** Resizes while decoding to [height, width] (sharp's antialiased resampling). */
  size?: number | readonly [number, number];
  /**
   * How `size` treats the aspect ratio: 'fill' stretches (default, as Keras), 'cover' scales to cover
   * and crops the centre, 'contain' scales to fit and pads with black.
   */
  fit?: 'fill' | 'cover' | 'contain';
  /** Resampling of `size`: 'bilinear' (default), 'nearest', 'bicubic' or 'lanczos3'. */
  method?: 'bilinear' | 'nearest' | 'bicubic' | 'lanczos3';
  /**
   * Most pixels (width × height) an image may declare, checked from its header before anything is
   * decoded (default 2^26, 8192 × 8192): a small file can declare a huge image (a decompression bomb).
   */
  maxPixels?: number;
}

const DEFAULT_MAX_PIXELS = 2 ** 26;

type SharpModule = (input?: Buffer | Uint8Array, options?: SharpOptions) => Sharp;
let sharpModule: Promise<SharpModule> | null = null;

/** sharp, loaded once. */
export function loadSharp(): Promise<SharpModule> {
  const name = 'sharp';
  sharpModule ??= import(/* @vite-ignore */ name).then(
    (m: { default: SharpModule }) => m.default,
    (e: Error) => {
      sharpModule = null;
      throw new TesseraError(`decodeImage: the 'sharp' package is needed to decode images in Node (npm install sharp). Received: ${e.message}`);
    },
  );
  return sharpModule;
}

const KERNELS = { bilinear: 'linear', nearest: 'nearest', bicubic: 'cubic', lanczos3: 'lanczos3' } as const;

/** Checks decodeImage options; exported for the browser decoder, which takes the same ones. */
export function checkDecodeOptions(options: DecodeImageOptions): { channels: ImageChannels; dtype: 'float32' | 'int32'; size: [number, number] | null } {
  const channels = options.channels ?? 3;
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new TesseraError(`decodeImage: channels must be 1, 3 or 4. Received: channels=${String(channels)}`);
  }
  const dt = options.dtype ?? 'float32';
  if (dt !== 'float32' && dt !== 'int32' && dt !== 'uint8') {
    throw new TesseraError(`decodeImage: dtype must be 'float32', 'int32' or 'uint8'. Received: dtype='${String(dt)}'`);
  }
  if (options.fit !== undefined && !['fill', 'cover', 'contain'].includes(options.fit)) {
    throw new TesseraError(`decodeImage: fit must be 'fill', 'cover' or 'contain'. Received: fit='${String(options.fit)}'`);
  }
  if (options.method !== undefined && !(options.method in KERNELS)) {
    throw new TesseraError(`decodeImage: method must be 'bilinear', 'nearest', 'bicubic' or 'lanczos3'. Received: method='${String(options.method)}'`);
  }
  return { channels, dtype: dt === 'float32' ? 'float32' : 'int32', size: options.size === undefined ? null : checkSize('decodeImage', 'size', options.size) };
}

/**
 * Packs interleaved 8-bit pixels with `from` channels (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA) into a
 * tensor [h, w, to]: float32 in [0, 1], or int32 in 0..255.
 */
export function pixelsToTensor(src: Uint8Array | Uint8ClampedArray, h: number, w: number, from: number, to: ImageChannels, dtype: 'float32' | 'int32'): Tensor {
  const n = h * w;
  const out = new Int32Array(n * to);
  const grey = from <= 2;
  for (let i = 0, p = 0, o = 0; i < n; i++, p += from, o += to) {
    const r = src[p]!;
    const g = grey ? r : src[p + 1]!;
    const b = grey ? r : src[p + 2]!;
    if (to === 1) {
      out[o] = grey ? r : Math.round(LUMA_WEIGHTS[0] * r + LUMA_WEIGHTS[1] * g + LUMA_WEIGHTS[2] * b);
      continue;
    }
    out[o] = r;
    out[o + 1] = g;
    out[o + 2] = b;
    if (to === 4) out[o + 3] = from === 2 ? src[p + 1]! : from === 4 ? src[p + 3]! : 255;
  }
  if (dtype === 'int32') return fromData(out, [h, w, to], 'int32');
  const scaled = new Float32Array(out.length);
  for (let i = 0; i < out.length; i++) scaled[i] = out[i]! / 255;
  return fromData(scaled, [h, w, to], 'float32');
}

/**
 * Decodes an image file (path) or its bytes into a tensor [h, w, channels] (channels last, RGB):
 * float32 in [0, 1] by default, or int32 0..255. Animated images give their first frame. Corrupt, truncated or unsupported input
 * throws a TesseraError naming the file (or 'buffer').
 */
export async function decodeImage(source: string | Uint8Array | ArrayBuffer, options: DecodeImageOptions = {}): Promise<Tensor> {
  const { channels, dtype, size } = checkDecodeOptions(options);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!Number.isInteger(maxPixels) || maxPixels < 1) throw new TesseraError(`decodeImage: maxPixels must be an integer ≥ 1. Received: maxPixels=${String(options.maxPixels)}`);
  const name = typeof source === 'string' ? `'${source}'` : 'buffer';
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    bytes = await readFileBytes('decodeImage', source);
  } else if (source instanceof Uint8Array) {
    bytes = source;
  } else if (source instanceof ArrayBuffer) {
    bytes = new Uint8Array(source);
  } else {
    throw new TesseraError(`decodeImage: expected a file path, a Uint8Array/Buffer or an ArrayBuffer. Received: ${source === null ? 'null' : typeof source}`);
  }
  if (bytes.length === 0) throw new TesseraError(`decodeImage: ${name} is empty; expected PNG, JPEG, WebP or another image format. Received: 0 bytes`);
  const sharp = await loadSharp();
  try {
    // failOn 'warning' (sharp's default) turns truncated data into an error instead of a grey tail.
    // limitInputPixels: sharp refuses a larger declared size from the header, before decoding.
    let pipeline = sharp(bytes, { failOn: 'warning', limitInputPixels: maxPixels });
    if (size) {
      pipeline = pipeline.resize({ height: size[0], width: size[1], fit: options.fit ?? 'fill', kernel: KERNELS[options.method ?? 'bilinear'], background: { r: 0, g: 0, b: 0, alpha: 1 } });
    }
    // 'srgb' gives 8-bit RGB(A) from every input (grey, 16-bit, CMYK, palette).
    const { data, info } = await pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return pixelsToTensor(data, info.height, info.width, info.channels, channels, dtype);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!.trim();
    if (/pixel limit/i.test(msg)) {
      throw new TesseraError(`decodeImage: ${name} declares more pixels than maxPixels=${maxPixels} allows (a decompression bomb, or raise the option). Received: ${bytes.length} bytes, sharp says '${msg}'`);
    }
    throw new TesseraError(`decodeImage: cannot decode ${name} as an image (PNG, JPEG, WebP, GIF, TIFF, AVIF); it is corrupt, truncated or of another format. Received: ${bytes.length} bytes, sharp says '${msg}'`);
  }
}
