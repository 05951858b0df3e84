import type { DType, TypedArray } from './dtype.js';
import type { Shape } from './shape.js';
import type { Tensor } from './tensor.js';
import { TesseraError } from './errors.js';

/** Attribute values are plain JSON so that a graph's structure can be hashed (compile caches). */
export type AttrValue = number | boolean | string | null | readonly AttrValue[] | { readonly [key: string]: AttrValue };
export type Attrs = { readonly [key: string]: AttrValue };

export interface TensorMeta {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** What a reference kernel sees of each input: its shape, dtype and row-major data. */
export interface KernelInput extends TensorMeta {
  readonly data: TypedArray;
}

/**
 * Vector-Jacobian product: given the cotangent `g` of the output, the cotangents of the inputs,
 * written with other ops (so they are lazy, run on every backend and can be differentiated again).
 * `null` means "no gradient flows to this input" (integer inputs, indices, masks).
 */
export type Vjp<A extends Attrs> = (
  g: Tensor,
  inputs: readonly Tensor[],
  output: Tensor,
  attrs: A,
) => readonly (Tensor | null)[];

/**
 * An ONNX node attribute. Integers and integer lists are written as INT/INTS; a float attribute
 * must say so (`{ float: 0.2 }`), because `alpha: 1` would otherwise be taken for an INT.
 */
export type OnnxAttr =
  | number
  | string
  | readonly number[]
  | { readonly float: number }
  | { readonly floats: readonly number[] };

/**
 * What an ONNX lowering is given (implemented by the ONNX Runtime backend): it appends nodes and
 * returns the name of the value that holds the op's output.
 */
export interface OnnxContext {
  /** Appends a node with one output; returns the output's name. */
  node(opType: string, inputs: readonly string[], attributes?: Readonly<Record<string, OnnxAttr>>): string;
  /** Appends a node with `outputs` outputs; returns their names. */
  nodes(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, OnnxAttr>>, outputs: number): string[];
  /** Adds a constant tensor (an initializer, shared when equal); returns its name. */
  constant(values: readonly number[], shape: Shape, dtype: DType): string;
  /** A 1-D int64 constant: shapes, axes, starts/ends for Reshape, Slice, Reduce*… */
  ints(values: readonly number[]): string;
  /**
   * True when the model is exported with a dynamic batch: it will run at other batch sizes, so a
   * lowering must not bake a table that enumerates the batch (shape constants are rewritten).
   */
  readonly batchFree?: boolean;
}

export type OnnxLowering<A extends Attrs> = (
  ctx: OnnxContext,
  inputs: readonly string[],
  attrs: A,
  inputMeta: readonly TensorMeta[],
  out: TensorMeta,
) => string;

/**
 * A primitive op, defined once: shape/dtype rule, reference kernel, gradient and ONNX lowering.
 * The reference kernel is the definition of what the op means; other backends are tested against it.
 */
export interface OpDef<A extends Attrs = Attrs> {
  readonly name: string;
  /** Shape/dtype rule. Validates inputs and attributes and throws an OpError naming the op. */
  infer(inputs: readonly TensorMeta[], attrs: A): TensorMeta;
  /** Reference kernel over typed arrays (row-major). Returns the output data of `out`'s shape. */
  kernel(inputs: readonly KernelInput[], attrs: A, out: TensorMeta): TypedArray;
  /** Gradient, or 'none' for ops whose output is not differentiable (comparisons, argmax, random). */
  vjp: Vjp<A> | 'none';
  /** ONNX lowering (filled by the ONNX Runtime backend). */
  onnx?: OnnxLowering<A>;
  /**
   * Multiply-adds per output element, for ops where it is far above 1 (matmul: the inner size).
   * Backends estimate a graph's work from it (ONNX Runtime runs tiny graphs on one thread).
   */
  cost?: (inputs: readonly TensorMeta[], attrs: A) => number;
}

const registry = new Map<string, OpDef<Attrs>>();

/** Declares a primitive op and registers it by name (names are unique). */
export function defineOp<A extends Attrs>(def: OpDef<A>): OpDef<A> {
  if (registry.has(def.name)) throw new TesseraError(`defineOp: an op named '${def.name}' is already defined`);
  registry.set(def.name, def as unknown as OpDef<Attrs>);
  return def;
}

/** Every registered primitive, for backends and the cross-backend test suite. */
export function registeredOps(): ReadonlyMap<string, OpDef<Attrs>> {
  return registry;
}
