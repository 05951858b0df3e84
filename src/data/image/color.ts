/**
 * Colour adjustments with torchvision's definitions (blends towards black, the mean grey, or the
 * grey image; hue as a rotation in HSV), on RGB(A) pixels in [0, maxValue] (1 for float images, 255 for integer ones). Alpha is left alone;
 * saturation and hue leave 1-channel images unchanged. Host kernels, see layout.ts.
 */
import { isFloat } from '../../core/dtype.js';
import { TesseraError, fmtShape } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { imageLayout, perImage, pixels, toDtype } from './layout.js';
import { LUMA_WEIGHTS } from './transforms.js';

export interface ColorOptions {
  /** The value of full intensity, where results are clamped. Default: 1 for float images, 255 for integer ones. */
  maxValue?: number;
}

function checkFactor(op: string, name: string, v: number, min: number, max = Infinity): void {
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new TesseraError(`${op}: ${name} must be in [${min}, ${max === Infinity ? '∞' : max}]. Received: ${name}=${v}`);
  }
}

function maxValueOf(op: string, x: Tensor, options: ColorOptions): number {
  const m = options.maxValue ?? (isFloat(x.dtype) ? 1 : 255);
  if (!(Number.isFinite(m) && m > 0)) throw new TesseraError(`${op}: maxValue must be > 0. Received: maxValue=${m}`);
  return m;
}

/** Maps each image's colour channels through `fn(values, pixelCount, channels)` in float64. */
function mapColors(op: string, x: Tensor, needsColor: boolean, maxValue: number, fn: (v: Float64Array, pixelCount: number, c: number) => void): Tensor {
  const l = imageLayout(op, x);
  if (l.c !== 1 && l.c !== 3 && l.c !== 4) throw new TesseraError(`${op}: expected 1, 3 or 4 channels. Received: shape ${fmtShape(x.shape)}`);
  if (needsColor && l.c === 1) return x;
  return perImage(op, x, (image) => {
    const v = Float64Array.from(pixels(image));
    fn(v, l.h * l.w, l.c);
    const colours = l.c === 4 ? 3 : l.c;
    for (let p = 0; p < v.length; p += l.c) for (let ch = 0; ch < colours; ch++) v[p + ch] = Math.min(maxValue, Math.max(0, v[p + ch]!));
    return fromData(toDtype(v, image.dtype), image.shape, image.dtype);
  });
}

function luma(v: Float64Array, p: number, c: number): number {
  return c === 1 ? v[p]! : LUMA_WEIGHTS[0] * v[p]! + LUMA_WEIGHTS[1] * v[p + 1]! + LUMA_WEIGHTS[2] * v[p + 2]!;
}

/** Multiplies the colours by `factor` ≥ 0 (0 gives black, 1 the image). */
export function adjustBrightness(x: Tensor, factor: number, options: ColorOptions = {}): Tensor {
  checkFactor('adjustBrightness', 'factor', factor, 0);
  const colours = (c: number): number => (c === 4 ? 3 : c);
  return mapColors('adjustBrightness', x, false, maxValueOf('adjustBrightness', x, options), (v, _n, c) => {
    for (let p = 0; p < v.length; p += c) for (let ch = 0; ch < colours(c); ch++) v[p + ch] = v[p + ch]! * factor;
  });
}

/** Blends with the image's mean grey level: `mean + factor (x - mean)` (0 gives flat grey, 1 the image). */
export function adjustContrast(x: Tensor, factor: number, options: ColorOptions = {}): Tensor {
  checkFactor('adjustContrast', 'factor', factor, 0);
  return mapColors('adjustContrast', x, false, maxValueOf('adjustContrast', x, options), (v, n, c) => {
    let mean = 0;
    for (let p = 0; p < v.length; p += c) mean += luma(v, p, c);
    mean /= n;
    const colours = c === 4 ? 3 : c;
    for (let p = 0; p < v.length; p += c) for (let ch = 0; ch < colours; ch++) v[p + ch] = mean + factor * (v[p + ch]! - mean);
  });
}

/** Blends each pixel with its grey level: 0 gives grayscale, 1 the image, 2 doubles the saturation. */
export function adjustSaturation(x: Tensor, factor: number, options: ColorOptions = {}): Tensor {
  checkFactor('adjustSaturation', 'factor', factor, 0);
  return mapColors('adjustSaturation', x, true, maxValueOf('adjustSaturation', x, options), (v, _n, c) => {
    for (let p = 0; p < v.length; p += c) {
      const g = luma(v, p, c);
      for (let ch = 0; ch < 3; ch++) v[p + ch] = g + factor * (v[p + ch]! - g);
    }
  });
}

/** Rotates the hue by `delta` turns, in [-0.5, 0.5] (torchvision's hue_factor). */
export function adjustHue(x: Tensor, delta: number, options: ColorOptions = {}): Tensor {
  checkFactor('adjustHue', 'delta', delta, -0.5, 0.5);
  const maxValue = maxValueOf('adjustHue', x, options);
  return mapColors('adjustHue', x, true, maxValue, (v, _n, c) => {
    for (let p = 0; p < v.length; p += c) {
      const [hue, s, val] = rgbToHsv(v[p]! / maxValue, v[p + 1]! / maxValue, v[p + 2]! / maxValue);
      const [r, g, b] = hsvToRgb((((hue + delta) % 1) + 1) % 1, s, val);
      v[p] = r * maxValue;
      v[p + 1] = g * maxValue;
      v[p + 2] = b * maxValue;
    }
  });
}

/** RGB in [0, 1] → [hue in [0, 1), saturation, value]. */
export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const s = max === 0 ? 0 : d / max;
  if (d === 0) return [0, s, max];
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h /= 6;
  return [h < 0 ? h + 1 : h, s, max];
}

/** [hue in [0, 1), saturation, value] → RGB in [0, 1]. */
export function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  switch (((i % 6) + 6) % 6) {
    case 0: return [v, t, p];
    case 1: return [q, v, p];
    case 2: return [p, v, t];
    case 3: return [p, q, v];
    case 4: return [t, p, v];
    default: return [v, p, q];
  }
}
