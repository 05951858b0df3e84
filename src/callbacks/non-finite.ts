/**
 * Where a model's numbers went bad: the first layer (in the model's order) holding a NaN or an
 * infinite weight. TerminateOnNaN names it when it stops training.
 */
import type { Tensor } from '../core/tensor.js';

/** What the search needs of a layer (a Layer has these). */
export interface WeightedLayer {
  readonly name: string;
  readonly weights: readonly { readonly name: string; readonly value: Tensor }[];
}

export interface NonFiniteWeight {
  layer: string;
  weight: string;
  /** How many of the weight's values are NaN or infinite, of how many. */
  count: number;
  size: number;
}

/** The first layer with a non-finite weight, or null when all are finite. Reads every float weight. */
export function firstNonFiniteWeight(layers: readonly WeightedLayer[]): NonFiniteWeight | null {
  for (const layer of layers) {
    for (const w of layer.weights) {
      const t = w.value;
      if (t.dtype !== 'float32') continue;
      const data = t.dataSync() as Float32Array;
      let count = 0;
      // x - x is 0 for finite x and NaN for NaN and ±Inf: one comparison per value.
      for (let i = 0; i < data.length; i++) if (data[i]! - data[i]! !== 0) count++;
      if (count) return { layer: layer.name, weight: w.name, count, size: data.length };
    }
  }
  return null;
}

export function describeNonFinite(found: NonFiniteWeight | null): string {
  return found
    ? `first layer with non-finite weights: '${found.layer}' (${found.weight}: ${found.count} of ${found.size} values NaN or infinite)`
    : 'all weights are finite';
}
