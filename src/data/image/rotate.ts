/**
 * Rotation about the image centre, by inverse mapping: each output pixel samples the input at its
 * rotated position (bilinear or nearest); positions outside the input take the fill value. A host
 * kernel: no op samples at arbitrary positions.
 */
import { TesseraError } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { imageLayout, perImage, pixels, toDtype } from './layout.js';

export interface RotateImageOptions {
  /** Value of the pixels that come from outside the image: one number or one per channel. Default 0. */
  fill?: number | readonly number[];
  /** Default 'bilinear'. */
  method?: 'bilinear' | 'nearest';
}

/** Coordinates this close to an integer are that integer, so that multiples of 90° are exact. */
const SNAP = 1e-9;

function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) < SNAP ? r : v;
}

/**
 * Rotates by `degrees` counter-clockwise (as PIL and torchvision do) about the centre
 * ((h-1)/2, (w-1)/2); the output keeps the input's size, so corners are cut and filled. Integer
 * pixels are rounded back to integers.
 */
export function rotateImage(x: Tensor, degrees: number, options: RotateImageOptions = {}): Tensor {
  const l = imageLayout('rotateImage', x);
  if (!Number.isFinite(degrees)) throw new TesseraError(`rotateImage: degrees must be a finite number. Received: degrees=${degrees}`);
  const method = options.method ?? 'bilinear';
  if (method !== 'bilinear' && method !== 'nearest') {
    throw new TesseraError(`rotateImage: method must be 'bilinear' or 'nearest'. Received: method='${String(method)}'`);
  }
  const fillList = options.fill === undefined ? [0] : typeof options.fill === 'number' ? [options.fill] : [...options.fill];
  if ((fillList.length !== 1 && fillList.length !== l.c) || fillList.some((v) => !Number.isFinite(v))) {
    throw new TesseraError(`rotateImage: fill must be a number or ${l.c} of them (one per channel). Received: fill=${JSON.stringify(options.fill)}`);
  }
  const fill = Array.from({ length: l.c }, (_, ch) => fillList[fillList.length === 1 ? 0 : ch]!);
  if (degrees % 360 === 0) return x;
  const theta = (degrees * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const { h, w, c } = l;
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  return perImage('rotateImage', x, (image) => {
    const src = pixels(image);
    const out = new Float64Array(h * w * c);
    const at = (row: number, col: number, ch: number): number => (row >= 0 && row < h && col >= 0 && col < w ? src[(row * w + col) * c + ch]! : fill[ch]!);
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const dx = j - cx;
        const dy = i - cy;
        // The inverse rotation (clockwise on screen, where y points down) gives the source position.
        const sx = snap(cx + cos * dx - sin * dy);
        const sy = snap(cy + sin * dx + cos * dy);
        const o = (i * w + j) * c;
        if (method === 'nearest') {
          const r = Math.round(sy);
          const q = Math.round(sx);
          for (let ch = 0; ch < c; ch++) out[o + ch] = at(r, q, ch);
          continue;
        }
        const y0 = Math.floor(sy);
        const x0 = Math.floor(sx);
        const fy = sy - y0;
        const fx = sx - x0;
        for (let ch = 0; ch < c; ch++) {
          const top = fx === 0 ? at(y0, x0, ch) : (1 - fx) * at(y0, x0, ch) + fx * at(y0, x0 + 1, ch);
          const bottom = fy === 0 ? 0 : fx === 0 ? at(y0 + 1, x0, ch) : (1 - fx) * at(y0 + 1, x0, ch) + fx * at(y0 + 1, x0 + 1, ch);
          out[o + ch] = fy === 0 ? top : (1 - fy) * top + fy * bottom;
        }
      }
    }
    return fromData(toDtype(out, image.dtype), [h, w, c], image.dtype);
  });
}
