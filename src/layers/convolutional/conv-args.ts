/**
 * Argument and shape checks shared by the convolution, pooling and spatial reshaping layers
 * (Keras's standardize_tuple / standardize_padding / data_format handling, channels-last only).
 */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../../constraints/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type Regularizer, type RegularizerIdentifier } from '../../regularizers/index.js';
import { serializeOrNull, type Config } from '../../io/serialization.js';
import { isShapeList, type ShapeArg } from '../layer.js';
import type { SymbolicShape } from '../symbolic.js';

export type DataFormat = 'channels_last' | 'channels_first';
export type ConvPadding = 'valid' | 'same' | 'causal';
/** A number for every spatial axis, or one per axis. */
export type IntOrTuple = number | readonly number[];

const shown = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** A number or `rank` numbers, each an integer ≥ min (Keras's standardize_tuple). */
export function intTuple(kind: string, name: string, value: IntOrTuple, rank: number, min = 1): number[] {
  const list = typeof value === 'number' ? new Array<number>(rank).fill(value) : Array.isArray(value) ? [...value] : null;
  if (!list || list.length !== rank || list.some((d) => !Number.isInteger(d) || d < min)) {
    const what = rank === 1 ? `an integer ≥ ${min}` : `an integer ≥ ${min} or a list of ${rank} such integers`;
    throw new OpError(kind, `${name} must be ${what}. Received: ${name}=${shown(value)}`);
  }
  return list;
}

/** Only channels-last is implemented (Tessera's layout everywhere). */
export function checkDataFormat(kind: string, value: DataFormat | undefined): 'channels_last' {
  const v = value ?? 'channels_last';
  if (v !== 'channels_last') {
    throw new OpError(kind, `only dataFormat 'channels_last' is supported (inputs [batch, spatial..., channels]). Received: dataFormat=${shown(value)}`);
  }
  return v;
}

/** 'valid' | 'same' (| 'causal' when allowed), case-insensitive as in Keras. */
export function paddingMode<P extends ConvPadding>(kind: string, value: string | undefined, allowed: readonly P[]): P {
  const v = (typeof value === 'string' ? value.toLowerCase() : value ?? 'valid') as P;
  if (!allowed.includes(v)) {
    throw new OpError(kind, `padding must be ${allowed.map((a) => `'${a}'`).join(' or ')}. Received: padding=${shown(value)}`);
  }
  return v;
}

/** `[[before, after], ...]` for `rank` axes from an int, `rank` ints (symmetric) or `rank` pairs (Keras ZeroPadding/Cropping). */
export function pairsArg(kind: string, name: string, value: number | readonly (number | readonly number[])[], rank: number): number[][] {
  const bad = (): never => {
    const forms = rank === 1 ? 'an integer ≥ 0 or a pair [before, after]' : `an integer ≥ 0, ${rank} integers or ${rank} pairs [before, after]`;
    throw new OpError(kind, `${name} must be ${forms}. Received: ${name}=${shown(value)}`);
  };
  const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (typeof value === 'number') return ok(value) ? new Array(rank).fill(0).map(() => [value, value]) : bad();
  if (!Array.isArray(value)) return bad();
  if (rank === 1) return value.length === 2 && value.every(ok) ? [[value[0] as number, value[1] as number]] : bad();
  if (value.length !== rank) return bad();
  return value.map((v) => {
    if (ok(v)) return [v, v];
    if (Array.isArray(v) && v.length === 2 && v.every(ok)) return [v[0]!, v[1]!];
    return bad();
  });
}

/** The one input of a single-input layer. */
export function singleInput(layer: string, inputs: Tensor | Tensor[]): Tensor {
  if (Array.isArray(inputs)) {
    if (inputs.length !== 1) throw new OpError(layer, `takes one input tensor. Received: a list of ${inputs.length}`);
    return inputs[0]!;
  }
  return inputs;
}

const fmt = (s: SymbolicShape): string => `[${s.map((d) => d ?? 'None').join(',')}]`;

/** Checks a channels-last input shape [batch, spatial (rank of them)..., channels]. */
export function checkSpatialShape(layer: string, shape: ShapeArg | readonly number[], rank: number): SymbolicShape {
  if (isShapeList(shape as ShapeArg)) throw new OpError(layer, `takes one input tensor. Received: a list of ${shape.length} shapes`);
  const s = shape as SymbolicShape;
  if (s.length !== rank + 2) {
    throw new OpError(layer, `expected an input of rank ${rank + 2} [batch, ${rank === 1 ? 'steps' : `${rank} spatial axes`}, channels]. Received: input shape ${fmt(s)}`);
  }
  return s;
}

/** The (known) channel count of a channels-last input shape. */
export function knownChannels(layer: string, shape: SymbolicShape): number {
  const c = shape[shape.length - 1];
  if (c === null || c === undefined) throw new OpError(layer, `the channel (last) dimension of the input must be known. Received: input shape ${fmt(shape)}`);
  return c;
}

/** Checks a call's input against the channel count the layer was built for. */
export function checkChannels(layer: string, x: Tensor, rank: number, channels: number): void {
  checkSpatialShape(layer, x.shape, rank);
  if (x.shape[rank + 1] !== channels) {
    throw new OpError(layer, `expected inputs with ${channels} channels (last axis), as when the layer was built. Received: input shape ${fmt(x.shape)}`);
  }
}

/**
 * With 'valid' padding every (known) spatial size must hold one (dilated) window; checked here so
 * the error names the layer and its input shape.
 */
export function checkWindowFits(layer: string, shape: SymbolicShape, padding: string, window: readonly number[], dilation?: readonly number[]): void {
  if (padding !== 'valid') return;
  shape.slice(1, -1).forEach((n, i) => {
    const extent = (window[i]! - 1) * (dilation?.[i] ?? 1) + 1;
    if (n !== null && n < extent) {
      const what = dilation ? (extent === window[i] ? 'kernel' : 'dilated kernel') : 'pool window';
      throw new OpError(layer, `with 'valid' padding the input must be at least as large as the ${what} (${extent}) along spatial axis ${i}. Received: input shape ${fmt(shape)}`);
    }
  });
}

/** A weight's initializer, regularizer and constraint (kernel, bias, depthwise, pointwise). */
export interface WeightSettings {
  initializer: Initializer;
  regularizer: Regularizer | null;
  constraint: Constraint | null;
}

export function weightSettings(
  initializer: InitializerIdentifier | undefined, fallback: InitializerIdentifier,
  regularizer: RegularizerIdentifier | null | undefined, constraint: ConstraintIdentifier | null | undefined,
): WeightSettings {
  return {
    initializer: getInitializer(initializer ?? fallback),
    regularizer: regularizer ? getRegularizer(regularizer) : null,
    constraint: constraint ? getConstraint(constraint) : null,
  };
}

/** `{<prefix>Initializer, <prefix>Regularizer, <prefix>Constraint}` config entries. */
export function weightSettingsConfig(prefix: string, w: WeightSettings): Config {
  return {
    [`${prefix}Initializer`]: serializeOrNull(w.initializer),
    [`${prefix}Regularizer`]: serializeOrNull(w.regularizer),
    [`${prefix}Constraint`]: serializeOrNull(w.constraint),
  };
}
