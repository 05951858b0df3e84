import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { shown } from '../core/layer-args.js';

export type NoiseShape = (number | null)[];

/** Checks a `noiseShape` argument (Keras: positive integers or null, one per input axis). */
export function checkNoiseShape(kind: string, noiseShape: unknown): NoiseShape | null {
  if (noiseShape === undefined || noiseShape === null) return null;
  if (!Array.isArray(noiseShape) || !noiseShape.every((d) => d === null || (Number.isInteger(d) && d > 0))) {
    throw new OpError(kind, `noiseShape must be a list of positive integers or null. Received: noiseShape=${shown(noiseShape)}`);
  }
  return [...noiseShape] as NoiseShape;
}

/** The mask shape for x: null entries take x's size; others must be 1 or x's size. */
export function concreteNoiseShape(layerName: string, noiseShape: NoiseShape, x: Tensor): number[] {
  const ok = noiseShape.length === x.rank && noiseShape.every((d, i) => d === null || d === 1 || d === x.shape[i]);
  if (!ok) {
    throw new OpError(layerName, `noiseShape must have one entry per input axis, each 1, null or the input's size. Received: noiseShape=${shown(noiseShape)} for input shape [${x.shape.join(',')}]`);
  }
  return noiseShape.map((d, i) => d ?? x.shape[i]!);
}
