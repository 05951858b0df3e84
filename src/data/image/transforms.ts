/**
 * Deterministic image transforms on channels-last tensors, one image [h, w, c] or a batch
 * [n, h, w, c]: resize, crops, flips, channel order and layout, grayscale, normalisation.
 * Written with Tessera's ops and evaluated eagerly (see layout.ts for why); no Node imports.
 */
import { allocate } from '../../core/dtype.js';
import { TesseraError, fmtShape } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { cast } from '../../ops/elementwise/cast.js';
import { div } from '../../ops/elementwise/div.js';
import { mul } from '../../ops/elementwise/mul.js';
import { sub } from '../../ops/elementwise/sub.js';
import { resize } from '../../ops/conv/resize.js';
import { reshape } from '../../ops/shape/reshape.js';
import { flip } from '../../ops/shape/flip.js';
import { slice } from '../../ops/shape/slice.js';
import { transpose } from '../../ops/shape/transpose.js';
import { checkSize, eager, imageLayout, pixels, toDtype } from './layout.js';

export type ResizeMethod = 'bilinear' | 'nearest';

export interface ResizeImageOptions {
  /** Default 'bilinear' (TF's half-pixel rule, no antialiasing, as tf.image.resize). */
  method?: ResizeMethod;
  /** Maps the corner pixels onto each other (PyTorch align_corners=True). Default false. */
  alignCorners?: boolean;
}

/**
 * Resizes to [height, width] with the `resize` op. Bilinear gives float32 (int32 pixels included,
 * as tf.image.resize); nearest keeps the dtype. To resize while decoding (faster, antialiased),
 * use `decodeImage(…, {size})`.
 */
export function resizeImage(x: Tensor, size: number | readonly [number, number], options: ResizeImageOptions = {}): Tensor {
  const l = imageLayout('resizeImage', x);
  const [h, w] = checkSize('resizeImage', 'size', size);
  const method = options.method ?? 'bilinear';
  if (method !== 'bilinear' && method !== 'nearest') {
    throw new TesseraError(`resizeImage: method must be 'bilinear' or 'nearest'. Received: method='${String(method)}'`);
  }
  const batch = l.batched ? x : reshape(x, [1, l.h, l.w, l.c]);
  const y = resize(batch, [h, w], { method, alignCorners: options.alignCorners ?? false });
  return eager(l.batched ? y : reshape(y, [h, w, l.c]));
}

/** The window of `height` × `width` pixels whose top-left pixel is (top, left) (torchvision's crop). */
export function crop(x: Tensor, top: number, left: number, height: number, width: number): Tensor {
  const l = imageLayout('crop', x);
  const ok = [top, left].every((v) => Number.isInteger(v) && v >= 0) && [height, width].every((v) => Number.isInteger(v) && v >= 1);
  if (!ok || top + height > l.h || left + width > l.w) {
    throw new TesseraError(`crop: the window must lie inside the ${l.h}×${l.w} image. Received: top=${top}, left=${left}, height=${height}, width=${width}`);
  }
  const begin = l.batched ? [0, top, left, 0] : [top, left, 0];
  const sizes = l.batched ? [l.n, height, width, l.c] : [height, width, l.c];
  return eager(slice(x, begin, sizes));
}

/** The central [height, width] window; an odd margin leaves the extra pixel at the bottom/right (Keras). */
export function centerCrop(x: Tensor, size: number | readonly [number, number]): Tensor {
  const l = imageLayout('centerCrop', x);
  const [h, w] = checkSize('centerCrop', 'size', size);
  if (h > l.h || w > l.w) {
    throw new TesseraError(`centerCrop: size must fit in the ${l.h}×${l.w} image (resize first to enlarge). Received: size=[${h},${w}]`);
  }
  return crop(x, Math.floor((l.h - h) / 2), Math.floor((l.w - w) / 2), h, w);
}

export type FlipDirection = 'horizontal' | 'vertical' | 'both';

/** Mirrors left-right ('horizontal'), top-bottom ('vertical') or both. */
export function flipImage(x: Tensor, direction: FlipDirection): Tensor {
  const l = imageLayout('flipImage', x);
  const o = l.batched ? 1 : 0;
  const axes = { horizontal: [o + 1], vertical: [o], both: [o, o + 1] }[direction];
  if (!axes) throw new TesseraError(`flipImage: direction must be 'horizontal', 'vertical' or 'both'. Received: direction='${String(direction)}'`);
  return eager(flip(x, axes));
}

/** [h, w, c] → [c, h, w] and [n, h, w, c] → [n, c, h, w] (PyTorch's layout). */
export function toChannelsFirst(x: Tensor): Tensor {
  const l = imageLayout('toChannelsFirst', x);
  return eager(transpose(x, l.batched ? [0, 3, 1, 2] : [2, 0, 1]));
}

/** [c, h, w] → [h, w, c] and [n, c, h, w] → [n, h, w, c]. */
export function toChannelsLast(x: Tensor): Tensor {
  if (x.rank !== 3 && x.rank !== 4) {
    throw new TesseraError(`toChannelsLast: expected [c, h, w] or [n, c, h, w]. Received: shape ${fmtShape(x.shape)}`);
  }
  return eager(transpose(x, x.rank === 4 ? [0, 2, 3, 1] : [1, 2, 0]));
}

/** Swaps the red and blue channels (RGB ↔ BGR, RGBA ↔ BGRA); its own inverse. */
export function rgbToBgr(x: Tensor): Tensor {
  const l = imageLayout('rgbToBgr', x);
  if (l.c !== 3 && l.c !== 4) throw new TesseraError(`rgbToBgr: expected 3 or 4 channels. Received: shape ${fmtShape(x.shape)}`);
  const src = pixels(x);
  const out = src.slice();
  for (let p = 0; p < src.length; p += l.c) {
    out[p] = src[p + 2]!;
    out[p + 2] = src[p]!;
  }
  return fromData(out, x.shape, x.dtype);
}

/** ITU-R 601 luma weights, as tf.image.rgb_to_grayscale and torchvision use. */
export const LUMA_WEIGHTS = [0.2989, 0.587, 0.114] as const;

/**
 * RGB(A) → one luma channel [.., 1]: 0.2989 R + 0.587 G + 0.114 B (alpha dropped). Integer pixels
 * are rounded to integers; a 1-channel image is returned as it is.
 */
export function rgbToGrayscale(x: Tensor): Tensor {
  const l = imageLayout('rgbToGrayscale', x);
  if (l.c === 1) return x;
  if (l.c !== 3 && l.c !== 4) throw new TesseraError(`rgbToGrayscale: expected 1, 3 or 4 channels. Received: shape ${fmtShape(x.shape)}`);
  const src = pixels(x);
  const out = new Float64Array(src.length / l.c);
  for (let i = 0, p = 0; i < out.length; i++, p += l.c) out[i] = LUMA_WEIGHTS[0] * src[p]! + LUMA_WEIGHTS[1] * src[p + 1]! + LUMA_WEIGHTS[2] * src[p + 2]!;
  return fromData(toDtype(out, x.dtype), [...x.shape.slice(0, -1), 1], x.dtype);
}

/** A 1-channel image repeated into 3 channels. */
export function grayscaleToRgb(x: Tensor): Tensor {
  const l = imageLayout('grayscaleToRgb', x);
  if (l.c !== 1) throw new TesseraError(`grayscaleToRgb: expected 1 channel. Received: shape ${fmtShape(x.shape)}`);
  const src = pixels(x);
  const out = allocate(x.dtype, src.length * 3);
  for (let i = 0; i < src.length; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = src[i]!;
  return fromData(out, [...x.shape.slice(0, -1), 3], x.dtype);
}

export interface NormalizeImageOptions {
  /** Multiplies first, e.g. 1/255 to map [0, 255] onto [0, 1]. Default 1. */
  scale?: number;
  /** Subtracted after scaling: one number, or one per channel. Default 0. */
  mean?: number | readonly number[];
  /** Divides last: one number, or one per channel. Default 1. */
  std?: number | readonly number[];
}

/**
 * `(x * scale - mean) / std` per channel (channels last), in float32. ImageNet statistics, for
 * example: `{scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]}`.
 */
export function normalizeImage(x: Tensor, options: NormalizeImageOptions = {}): Tensor {
  const l = imageLayout('normalizeImage', x);
  const perChannel = (name: string, v: number | readonly number[] | undefined, fallback: number): Tensor => {
    const list = v === undefined ? [fallback] : typeof v === 'number' ? [v] : [...v];
    if ((list.length !== 1 && list.length !== l.c) || list.some((n) => typeof n !== 'number' || !Number.isFinite(n)) || (name === 'std' && list.some((n) => n === 0))) {
      throw new TesseraError(`normalizeImage: ${name} must be a finite number${name === 'std' ? ' ≠ 0' : ''} or ${l.c} of them (one per channel). Received: ${name}=${JSON.stringify(v)}`);
    }
    return fromData(Float32Array.from(list), [list.length], 'float32');
  };
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale)) throw new TesseraError(`normalizeImage: scale must be a finite number. Received: scale=${scale}`);
  const mean = perChannel('mean', options.mean, 0);
  const std = perChannel('std', options.std, 1);
  const xf = x.dtype === 'float32' ? x : cast(x, 'float32');
  return eager(div(sub(mul(xf, fromData(Float32Array.of(scale), [], 'float32')), mean), std));
}
