import { allocate, castScalar, isDType, type DType, type TypedArray } from './dtype.js';
import { OpError, TesseraError, fmtShape } from './errors.js';
import { assertValidShape, sizeOf, type Shape } from './shape.js';
import type { Attrs, OpDef } from './op.js';
import { realizeSync, realize } from './engine.js';
import { formatTensor } from './print.js';

/** Data as handed to users: int64 comes back as BigInt64Array, like ONNX Runtime does. */
export type TensorData = Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array;

export type NestedArray = number | boolean | readonly NestedArray[];
export type TensorLike = Tensor | number | boolean | readonly NestedArray[] | TypedArray | BigInt64Array;

/** How an unrealized tensor is computed: an op applied to input tensors. */
export interface PendingOp {
  readonly op: OpDef<Attrs>;
  readonly inputs: readonly Tensor[];
  readonly attrs: Attrs;
}

let nextId = 0;

/**
 * An n-dimensional array. Tensors are immutable and lazy: an op returns at once a tensor that
 * records how it is computed (`_pending`); its values are computed when read. Once computed,
 * the record is dropped so the graph behind a realized tensor can be garbage-collected.
 */
export class Tensor {
  readonly id = nextId++;
  readonly shape: Shape;
  readonly dtype: DType;
  /** @internal Row-major values once realized. */
  _data: TypedArray | null;
  /** @internal How to compute the values, until realized. */
  _pending: PendingOp | null;
  /** @internal Length of the longest pending chain behind this tensor (0 when realized). */
  _depth: number;
  /** @internal */
  _disposed = false;

  /** @internal Use `tensor()` or an op; this constructor does not validate. */
  constructor(shape: Shape, dtype: DType, data: TypedArray | null, pending: PendingOp | null) {
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this._data = data;
    this._pending = pending;
    this._depth = pending ? 1 + Math.max(0, ...pending.inputs.map((t) => t._depth)) : 0;
  }

  get rank(): number {
    return this.shape.length;
  }

  get size(): number {
    return sizeOf(this.shape);
  }

  /** True once values have been computed. */
  get isRealized(): boolean {
    return this._resolve()._data !== null;
  }

  /** @internal The tensor that holds the values (a Variable answers with its current value). */
  _resolve(): Tensor {
    if (this._disposed) throw new TesseraError(`Tensor ${fmtShape(this.shape)} ${this.dtype} was disposed and cannot be used`);
    return this;
  }

  /** Values as a typed array (a copy). */
  async data(): Promise<TensorData> {
    const t = this._resolve();
    await realize([t]);
    return exportData(t);
  }

  /** Values as a typed array, computed synchronously (backends that can: reference). */
  dataSync(): TensorData {
    const t = this._resolve();
    realizeSync([t]);
    return exportData(t);
  }

  /** Values as nested arrays (numbers; bool as 0/1 like tfjs). */
  async array(): Promise<NestedArray> {
    const t = this._resolve();
    await realize([t]);
    return toNested(t._data!, t.shape);
  }

  arraySync(): NestedArray {
    const t = this._resolve();
    realizeSync([t]);
    return toNested(t._data!, t.shape);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new TesseraError(`item: tensor must have exactly one element. Received: shape=${fmtShape(this.shape)}`);
    const t = this._resolve();
    realizeSync([t]);
    return t._data![0]!;
  }

  /** Releases the values now instead of at garbage collection. Using the tensor afterwards throws. */
  dispose(): void {
    this._data = null;
    this._pending = null;
    this._disposed = true;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** numpy-like text: values (summarised when large), shape and dtype. */
  toString(): string {
    const t = this._resolve();
    realizeSync([t]);
    return formatTensor(t._data!, t.shape, t.dtype);
  }

  print(): void {
    console.log(this.toString());
  }

  /** console.log in Node shows the values, not the internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    try {
      return this.toString();
    } catch {
      return `Tensor(shape=[${this.shape.join(',')}], dtype=${this.dtype}, not computable synchronously)`;
    }
  }
}

/**
 * A mutable holder of a tensor value (model parameters, optimizer state). Ops read the value
 * current at the time they are applied, so a later `assign` never changes an earlier result.
 */
/** Set by a tracing jit to learn which variables a function reads (their values change between calls). */
export const variableReads: { hook: ((v: Variable, value: Tensor) => void) | null } = { hook: null };

/**
 * Set by `withVariableValues` (autograd/variable-scope.ts): while it runs, the scope's variables
 * read as the tensors it maps them to, and `assign` records the new value in the scope instead of
 * changing the variable. This is how a model's weights become inputs of a pure training step.
 */
export const variableScope: { values: Map<Variable, Tensor> | null; assigned: Set<Variable> | null } = { values: null, assigned: null };

export class Variable extends Tensor {
  value: Tensor;
  readonly name: string;
  trainable: boolean;

  constructor(initial: Tensor, opts: { name?: string; trainable?: boolean } = {}) {
    super(initial.shape, initial.dtype, null, null);
    this.value = initial._resolve();
    this.name = opts.name ?? `variable_${this.id}`;
    this.trainable = opts.trainable ?? true;
  }

  override _resolve(): Tensor {
    const scoped = variableScope.values?.get(this);
    if (scoped) return scoped;
    if (this._disposed) throw new TesseraError(`Variable '${this.name}' was disposed and cannot be used`);
    variableReads.hook?.(this, this.value);
    return this.value;
  }

  /** Replaces the value; shape and dtype must stay the same. */
  assign(value: Tensor): void {
    const v = value._resolve();
    if (v.dtype !== this.dtype || v.shape.length !== this.shape.length || v.shape.some((d, i) => d !== this.shape[i])) {
      throw new OpError('assign', `variable '${this.name}' holds ${fmtShape(this.shape)} ${this.dtype}. Received: ${fmtShape(v.shape)} ${v.dtype}`);
    }
    if (variableScope.values) {
      // Inside a stateless scope every assignment is recorded, never applied (the step is pure).
      variableScope.values.set(this, v);
      variableScope.assigned!.add(this);
      return;
    }
    this.value = v;
  }

  override dispose(): void {
    this._disposed = true;
  }
}

function exportData(t: Tensor): TensorData {
  const d = t._data!;
  if (t.dtype === 'int64') {
    const out = new BigInt64Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = BigInt(d[i]!);
    return out;
  }
  return d.slice();
}

function toNested(data: TypedArray, shape: Shape): NestedArray {
  if (shape.length === 0) return data[0]!;
  const rec = (offset: number, axis: number): NestedArray[] => {
    const n = shape[axis]!;
    const out: NestedArray[] = new Array(n);
    if (axis === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = data[offset + i]!;
      return out;
    }
    const stride = sizeOf(shape.slice(axis + 1));
    for (let i = 0; i < n; i++) out[i] = rec(offset + i * stride, axis + 1);
    return out;
  };
  return rec(0, 0);
}

// ---------------------------------------------------------------------------------------------
// Creating tensors from JS values.

function inferShape(value: NestedArray | readonly NestedArray[], op: string): number[] {
  const shape: number[] = [];
  let v: unknown = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  // Check raggedness by walking every element against the inferred shape.
  const check = (x: unknown, axis: number): void => {
    if (axis === shape.length) {
      if (typeof x !== 'number' && typeof x !== 'boolean') {
        throw new OpError(op, `values must be numbers or booleans. Received: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`);
      }
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[axis]) {
      throw new OpError(op, `nested arrays must be rectangular; expected length ${shape[axis]} at depth ${axis}. Received: ${Array.isArray(x) ? `length ${x.length}` : String(x)}`);
    }
    for (const e of x) check(e, axis + 1);
  };
  check(value, 0);
  return shape;
}

function dtypeOfTyped(data: TypedArray | BigInt64Array | ArrayBufferView): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array) return 'int64';
  return 'int32';
}

function flatten(values: readonly NestedArray[]): (number | boolean)[] {
  const out: (number | boolean)[] = [];
  const walk = (x: NestedArray): void => {
    if (Array.isArray(x)) for (const e of x as readonly NestedArray[]) walk(e);
    else out.push(x as number | boolean);
  };
  values.forEach(walk);
  return out;
}

/** Builds a realized tensor from nested arrays, a typed array or a scalar. */
export function tensor(values: TensorLike, shape?: Shape, dtype?: DType): Tensor {
  const op = 'tensor';
  if (values instanceof Tensor) {
    if (shape || (dtype && dtype !== values.dtype)) throw new OpError(op, 'use reshape()/cast() to change the shape or dtype of an existing tensor');
    return values;
  }
  if (dtype !== undefined && !isDType(dtype)) {
    throw new OpError(op, `dtype must be one of float32, float64, int32, int64, bool. Received: dtype=${String(dtype)}`);
  }
  let flat: ArrayLike<number | boolean | bigint>;
  let inferredShape: number[];
  let inferredDtype: DType;
  if (ArrayBuffer.isView(values)) {
    flat = values as unknown as ArrayLike<number | bigint>;
    inferredShape = [flat.length];
    inferredDtype = dtypeOfTyped(values);
  } else if (typeof values === 'number' || typeof values === 'boolean') {
    flat = [values];
    inferredShape = [];
    inferredDtype = typeof values === 'boolean' ? 'bool' : 'float32';
  } else if (Array.isArray(values)) {
    inferredShape = inferShape(values, op);
    flat = flatten(values as readonly NestedArray[]);
    inferredDtype = flat.length > 0 && typeof flat[0] === 'boolean' ? 'bool' : 'float32';
  } else {
    throw new OpError(op, `expected a number, boolean, nested array or typed array. Received: ${typeof values}`);
  }
  const finalShape = shape ? [...shape] : inferredShape;
  assertValidShape(op, finalShape);
  if (sizeOf(finalShape) !== flat.length) {
    throw new OpError(op, `shape ${fmtShape(finalShape)} holds ${sizeOf(finalShape)} values. Received: ${flat.length} values`);
  }
  const dt = dtype ?? inferredDtype;
  const data = allocate(dt, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const x = flat[i]!;
    const n = typeof x === 'bigint' ? Number(x) : Number(x);
    if (dt === 'int64' && !Number.isSafeInteger(Math.trunc(n)) && Number.isFinite(n)) {
      throw new OpError(op, `int64 values beyond ±2^53 are not supported. Received: ${String(x)}`);
    }
    data[i] = castScalar(n, dt);
  }
  return new Tensor(finalShape, dt, data, null);
}

/** Wraps already-owned data (no copy). @internal */
export function fromData(data: TypedArray, shape: Shape, dtype: DType): Tensor {
  return new Tensor(shape, dtype, data, null);
}

/** Turns a number/array into a tensor; scalars take `like`'s dtype (numpy's weak scalar typing). */
export function toTensor(x: TensorLike, like?: DType): Tensor {
  if (x instanceof Tensor) return x;
  if ((typeof x === 'number' || typeof x === 'boolean') && like) return tensor(x, [], like);
  return tensor(x);
}
