/** Argument and shape checks shared by the normalization layers. */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { SymbolicShape } from '../symbolic.js';
import { isShapeList, type ShapeArg } from '../layer.js';

export type AxisArg = number | number[];

export function fmtSymbolic(shape: SymbolicShape): string {
  return `[${shape.map((d) => d ?? 'None').join(',')}]`;
}

/** The one input shape of a one-input layer. */
export function singleShape(layerName: string, inputShape: ShapeArg): SymbolicShape {
  if (isShapeList(inputShape)) {
    if (inputShape.length !== 1) throw new OpError(layerName, `takes one input. Received: a list of ${inputShape.length} shapes`);
    return inputShape[0]!;
  }
  return inputShape;
}

/** Checks an `axis` argument (an integer or a non-empty list of distinct integers). */
export function checkAxisArg(kind: string, axis: unknown, allowList: boolean): AxisArg {
  const ok = (a: unknown): a is number => typeof a === 'number' && Number.isInteger(a);
  if (ok(axis)) return axis;
  if (allowList && Array.isArray(axis) && axis.length > 0 && axis.every(ok) && new Set(axis).size === axis.length) return [...axis];
  throw new OpError(kind, `axis must be an integer${allowList ? ' or a list of distinct integers' : ''}. Received: axis=${JSON.stringify(axis)}`);
}

/**
 * The axes (non-negative, sorted) of a rank-`rank` input that `axis` names; each must have a known
 * size (the weights span them) and none may be the batch axis.
 */
export function resolveAxes(layerName: string, axis: AxisArg, shape: SymbolicShape): number[] {
  const rank = shape.length;
  const list = typeof axis === 'number' ? [axis] : axis;
  const axes = list.map((a) => {
    if (a < -rank || a >= rank) {
      throw new OpError(layerName, `axis ${a} is out of bounds for inputs of rank ${rank}. Received: input shape ${fmtSymbolic(shape)}`);
    }
    return a < 0 ? a + rank : a;
  });
  if (new Set(axes).size !== axes.length) throw new OpError(layerName, `axis names the same axis twice. Received: axis=${JSON.stringify(axis)}`);
  for (const a of axes) {
    if (a === 0) throw new OpError(layerName, `cannot normalize along the batch axis 0. Received: axis=${JSON.stringify(axis)}`);
    if (shape[a] === null || shape[a] === undefined) {
      throw new OpError(layerName, `axis ${a} of the input must have a known size. Received: input shape ${fmtSymbolic(shape)}`);
    }
  }
  return axes.sort((a, b) => a - b);
}

/** A shape of x's rank with x's sizes on `axes` and 1 elsewhere (parameters broadcast over x). */
export function broadcastShapeOf(shape: readonly (number | null)[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? d! : 1));
}

export function checkEpsilon(kind: string, epsilon: unknown): number {
  if (typeof epsilon !== 'number' || !(epsilon >= 0) || !Number.isFinite(epsilon)) {
    throw new OpError(kind, `epsilon must be a finite number ≥ 0. Received: epsilon=${String(epsilon)}`);
  }
  return epsilon;
}

/** The tensor of a one-input layer (a list of exactly one is accepted, as Keras unpacks it). */
export function singleInput(layerName: string, inputs: Tensor | Tensor[]): Tensor {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) throw new OpError(layerName, `takes one input tensor. Received: a list of ${inputs.length} tensors`);
  return inputs[0]!;
}
