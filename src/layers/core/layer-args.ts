/** Small helpers shared by the core, merging, activation and regularization layers. */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';

/** The tensor of a one-input layer (a list of exactly one is accepted, as Keras unpacks it). */
export function singleInput(layerName: string, inputs: Tensor | Tensor[]): Tensor {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) throw new OpError(layerName, `takes one input tensor. Received: a list of ${inputs.length} tensors`);
  return inputs[0]!;
}

/** A received argument as an error shows it (NaN and Infinity as themselves, not JSON's null). */
export function shown(value: unknown): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  return JSON.stringify(value) ?? String(value);
}
