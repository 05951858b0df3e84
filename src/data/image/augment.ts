/**
 * Seeded image augmentation. An augmentation is a function of (image, random) where `random` is a
 * host generator on [0, 1); `augment([...], {seed})` chains them and gives each sample its own
 * generator derived from (seed, epoch, sample index), so the output depends on those alone — not on
 * map parallelism, the order calls finish in, or what other samples drew. Math.random is never used.
 */
import { TesseraError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { pad } from '../../ops/shape/pad.js';
import { hostRandom } from '../random.js';
import { adjustBrightness, adjustContrast, adjustHue, adjustSaturation, type ColorOptions } from './color.js';
import { checkSize, eager, imageLayout, perImage } from './layout.js';
import { rotateImage } from './rotate.js';
import { crop, flipImage, type FlipDirection } from './transforms.js';

/** One random transform: draws what it needs from `random` and returns the new image. */
export type Augmentation = (image: Tensor, random: () => number) => Tensor;

/** The chained augmentations of one pipeline: `apply(image, sampleIndex, epoch)`. */
export type Augmenter = (image: Tensor, index: number, epoch?: number) => Tensor;

/** A uniform draw in [lo, hi). */
function uniform(random: () => number, lo: number, hi: number): number {
  return lo + (hi - lo) * random();
}

export interface RandomCropOptions {
  /** Pixels added on each side first: one number, or [vertical, horizontal]. Default 0. */
  padding?: number | readonly [number, number];
  /** How padding is filled: 'constant' (with `fill`), 'reflect' or 'edge'. Default 'constant'. */
  paddingMode?: 'constant' | 'reflect' | 'edge';
  /** Value of constant padding. Default 0. */
  fill?: number;
}

/** Pads (optionally), then crops a [height, width] window at a uniformly drawn position. */
export function randomCrop(size: number | readonly [number, number], options: RandomCropOptions = {}): Augmentation {
  const [h, w] = checkSize('randomCrop', 'size', size);
  const p = options.padding ?? 0;
  const [py, px] = typeof p === 'number' ? [p, p] : p;
  if (![py, px].every((v) => Number.isInteger(v) && v! >= 0)) {
    throw new TesseraError(`randomCrop: padding must be a non-negative integer or [vertical, horizontal] of them. Received: padding=${JSON.stringify(p)}`);
  }
  return (image, random) =>
    perImage('randomCrop', image, (one) => {
      const padded = py === 0 && px === 0 ? one : eager(pad(one, [[py!, py!], [px!, px!], [0, 0]], { mode: options.paddingMode ?? 'constant', value: options.fill ?? 0 }));
      const [ph, pw] = padded.shape as [number, number, number];
      if (h > ph || w > pw) {
        throw new TesseraError(`randomCrop: size must fit in the padded ${ph}×${pw} image. Received: size=[${h},${w}]`);
      }
      const top = Math.floor(random() * (ph - h + 1));
      const left = Math.floor(random() * (pw - w + 1));
      return crop(padded, top, left, h, w);
    });
}

export interface RandomFlipOptions {
  /** Chance of each flip. Default 0.5. */
  probability?: number;
}

/** Mirrors with probability 0.5 (per axis for 'both', as Keras' 'horizontal_and_vertical'). */
export function randomFlip(direction: FlipDirection = 'horizontal', options: RandomFlipOptions = {}): Augmentation {
  if (direction !== 'horizontal' && direction !== 'vertical' && direction !== 'both') {
    throw new TesseraError(`randomFlip: direction must be 'horizontal', 'vertical' or 'both'. Received: direction='${String(direction)}'`);
  }
  const prob = options.probability ?? 0.5;
  if (!(prob >= 0 && prob <= 1)) throw new TesseraError(`randomFlip: probability must be in [0, 1]. Received: probability=${prob}`);
  const axes: ('horizontal' | 'vertical')[] = direction === 'both' ? ['horizontal', 'vertical'] : [direction];
  return (image, random) =>
    perImage('randomFlip', image, (one) => {
      let out = one;
      for (const a of axes) if (random() < prob) out = flipImage(out, a);
      return out;
    });
}

export interface RandomRotationOptions {
  /** Value of the pixels rotated in from outside: a number or one per channel. Default 0. */
  fill?: number | readonly number[];
  /** Default 'bilinear'. */
  method?: 'bilinear' | 'nearest';
}

/** Rotates by an angle drawn uniformly in [-maxDegrees, maxDegrees] (counter-clockwise positive). */
export function randomRotation(maxDegrees: number, options: RandomRotationOptions = {}): Augmentation {
  if (!(Number.isFinite(maxDegrees) && maxDegrees >= 0)) {
    throw new TesseraError(`randomRotation: maxDegrees must be a finite number ≥ 0. Received: maxDegrees=${maxDegrees}`);
  }
  return (image, random) => perImage('randomRotation', image, (one) => rotateImage(one, uniform(random, -maxDegrees, maxDegrees), options));
}

export interface ColorJitterOptions extends ColorOptions {
  /** b: factor drawn in [max(0, 1 - b), 1 + b]; or a [min, max] range. Default 0 (unchanged). */
  brightness?: number | readonly [number, number];
  /** As brightness. */
  contrast?: number | readonly [number, number];
  /** As brightness. */
  saturation?: number | readonly [number, number];
  /** h ≤ 0.5: hue shift drawn in [-h, h] turns; or a [min, max] range. Default 0. */
  hue?: number | readonly [number, number];
}

function factorRange(name: string, v: number | readonly [number, number] | undefined, centre: number, bounds: [number, number]): [number, number] | null {
  if (v === undefined) return null;
  const range: [number, number] = typeof v === 'number' ? [Math.max(bounds[0], centre - v), centre + v] : [v[0], v[1]];
  if (typeof v === 'number' && !(v >= 0)) throw new TesseraError(`colorJitter: ${name} must be ≥ 0. Received: ${name}=${v}`);
  if (!(range[0] >= bounds[0] && range[1] <= bounds[1] && range[0] <= range[1])) {
    throw new TesseraError(`colorJitter: ${name} must give a range inside [${bounds[0]}, ${bounds[1] === Infinity ? '∞' : bounds[1]}]. Received: ${name}=${JSON.stringify(v)}`);
  }
  // A range that is only the identity adds nothing (and keeps the image bit-exact).
  return range[0] === centre && range[1] === centre ? null : range;
}

/**
 * Random brightness, contrast, saturation and hue (torchvision's ColorJitter): each factor is
 * drawn from its range and the four adjustments are applied in a random order.
 */
export function colorJitter(options: ColorJitterOptions): Augmentation {
  const steps: ((x: Tensor, r: () => number) => Tensor)[] = [];
  const color = { maxValue: options.maxValue };
  const b = factorRange('brightness', options.brightness, 1, [0, Infinity]);
  const c = factorRange('contrast', options.contrast, 1, [0, Infinity]);
  const s = factorRange('saturation', options.saturation, 1, [0, Infinity]);
  const h = factorRange('hue', options.hue, 0, [-0.5, 0.5]);
  if (b) steps.push((x, r) => adjustBrightness(x, uniform(r, ...b), color));
  if (c) steps.push((x, r) => adjustContrast(x, uniform(r, ...c), color));
  if (s) steps.push((x, r) => adjustSaturation(x, uniform(r, ...s), color));
  if (h) steps.push((x, r) => adjustHue(x, uniform(r, ...h), color));
  return (image, random) =>
    perImage('colorJitter', image, (one) => {
      const order = steps.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      return order.reduce((x, i) => steps[i]!(x, random), one);
    });
}

export interface AugmentOptions {
  /** Seed of every draw; with the epoch and the sample index it fixes each output. */
  seed: number;
}

/**
 * Chains augmentations into `(image, index, epoch = 0) => image`: sample `index` of `epoch` always
 * gets the same draws. Use it in a map, `ds.map(([x, y], i) => [aug(x, i), y])`, or pass it to a
 * loader's `dataset({augment})`, which supplies the file index and the epoch.
 */
export function augment(steps: readonly Augmentation[], options: AugmentOptions): Augmenter {
  if (!Array.isArray(steps) || steps.some((s) => typeof s !== 'function')) {
    throw new TesseraError(`augment: expected a list of augmentations (randomCrop, randomFlip, …). Received: ${JSON.stringify(steps)}`);
  }
  if (!Number.isInteger(options?.seed)) throw new TesseraError(`augment: seed must be an integer. Received: seed=${options?.seed}`);
  return (image, index, epoch = 0) => {
    imageLayout('augment', image);
    if (!Number.isInteger(index) || index < 0 || !Number.isInteger(epoch) || epoch < 0) {
      throw new TesseraError(`augment: index and epoch must be non-negative integers. Received: index=${index}, epoch=${epoch}`);
    }
    const random = hostRandom(options.seed, epoch, index);
    return steps.reduce((x, step) => step(x, random), image);
  };
}
