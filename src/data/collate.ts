/**
 * Stacking dataset elements into a batch: every element has the same structure (a tensor, a number,
 * a typed array, or tuples/records of those) and each leaf becomes one tensor with a new leading
 * batch axis. Done on the host with one copy per leaf: elements are small decoded samples and a
 * graph `stack` of thousands of constants would cost more than the copy.
 */
import { realize } from '../core/engine.js';
import type { DType, TypedArray } from '../core/dtype.js';
import { allocate } from '../core/dtype.js';
import { TesseraError, fmtShape } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';


/** A value a dataset element may hold; arrays are tuples (use a typed array or a tensor for a vector). */
export type ElementLeaf = Tensor | number | boolean | Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array;
export type Element = ElementLeaf | readonly Element[] | { readonly [key: string]: Element };

/** The batched form of an element structure: every leaf a tensor. */
export type Batched<T> = [T] extends [ElementLeaf] ? Tensor
  : [T] extends [readonly unknown[]] ? { -readonly [K in keyof T]: Batched<T[K]> }
  : { -readonly [K in keyof T]: Batched<T[K]> };

export interface CollateOptions {
  /** Pads leaves whose shapes differ within the batch (at the end of each axis) with this value. */
  padValue?: number;
  /** Names the dataset in errors. */
  what?: string;
}

function isLeaf(x: unknown): x is ElementLeaf {
  return x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean' || ArrayBuffer.isView(x);
}

function describeValue(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (x instanceof Tensor) return `Tensor ${fmtShape(x.shape)} ${x.dtype}`;
  if (ArrayBuffer.isView(x)) return x.constructor.name;
  if (Array.isArray(x)) return `array of ${x.length}`;
  return typeof x;
}

/** Collates `elements` (same structure) into one batch. */
export async function collate<T>(elements: readonly T[], options: CollateOptions = {}): Promise<Batched<T>> {
  const what = options.what ?? 'batch';
  if (elements.length === 0) throw new TesseraError(`${what}: cannot batch zero elements`);
  const leaves: { path: string; values: ElementLeaf[] }[] = [];
  const template = walk(elements[0] as Element, '', (path, leaf) => {
    leaves.push({ path, values: [leaf] });
  });
  for (let i = 1; i < elements.length; i++) {
    let k = 0;
    matchStructure(elements[0] as Element, elements[i] as Element, '', what, i, (leaf) => leaves[k++]!.values.push(leaf));
  }
  const tensors: Tensor[] = [];
  for (const l of leaves) for (const v of l.values) if (v instanceof Tensor) tensors.push(v);
  await realize(tensors);
  const stacked = leaves.map((l) => stackLeaves(l.values, l.path, what, options.padValue));
  let k = 0;
  return rebuild(template, () => stacked[k++]!) as Batched<T>;
}

type Template = 'leaf' | Template[] | { [key: string]: Template };

function walk(x: Element, path: string, onLeaf: (path: string, leaf: ElementLeaf) => void): Template {
  if (isLeaf(x)) {
    onLeaf(path, x);
    return 'leaf';
  }
  if (Array.isArray(x)) return x.map((v, i) => walk(v as Element, `${path}[${i}]`, onLeaf));
  if (typeof x === 'object' && x !== null) {
    const out: Record<string, Template> = {};
    for (const [key, v] of Object.entries(x)) out[key] = walk(v as Element, path ? `${path}.${key}` : key, onLeaf);
    return out;
  }
  throw new TesseraError(`batch: element${path ? ` at ${path}` : ''} must be a tensor, number, typed array, or tuple/record of those. Received: ${describeValue(x)}`);
}

function matchStructure(a: Element, b: Element, path: string, what: string, index: number, onLeaf: (leaf: ElementLeaf) => void): void {
  const fail = (): never => {
    throw new TesseraError(`${what}: element ${index} differs in structure from element 0${path ? ` at ${path}` : ''}: expected ${describeValue(a)}. Received: ${describeValue(b)}`);
  };
  if (isLeaf(a)) {
    if (!isLeaf(b)) fail();
    onLeaf(b as ElementLeaf);
    return;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || b.length !== a.length) fail();
    a.forEach((v, i) => matchStructure(v as Element, (b as Element[])[i]!, `${path}[${i}]`, what, index, onLeaf));
    return;
  }
  if (typeof b !== 'object' || b === null || isLeaf(b) || Array.isArray(b)) fail();
  const keys = Object.keys(a);
  if (Object.keys(b).length !== keys.length) fail();
  for (const key of keys) {
    if (!(key in (b as object))) fail();
    matchStructure((a as Record<string, Element>)[key]!, (b as Record<string, Element>)[key]!, path ? `${path}.${key}` : key, what, index, onLeaf);
  }
}

function rebuild(t: Template, next: () => Tensor): unknown {
  if (t === 'leaf') return next();
  if (Array.isArray(t)) return t.map((v) => rebuild(v, next));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(t)) out[key] = rebuild(v, next);
  return out;
}

function typedDType(a: ArrayBufferView): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array || a instanceof Int16Array || a instanceof Int8Array || a instanceof Uint8Array || a instanceof Uint16Array) return 'int32';
  throw new TesseraError(`batch: typed arrays must be Float32/Float64/Int32/Int16/Int8/Uint8/Uint16Array. Received: ${a.constructor.name}`);
}

/** Values, shape and dtype of one leaf (tensors already realized). */
function leafData(v: ElementLeaf): { data: ArrayLike<number>; shape: readonly number[]; dtype: DType } {
  if (v instanceof Tensor) {
    const t = v._resolve();
    return { data: t._data!, shape: t.shape, dtype: t.dtype };
  }
  if (typeof v === 'number') return { data: [v], shape: [], dtype: Number.isInteger(v) ? 'int32' : 'float32' };
  if (typeof v === 'boolean') return { data: [v ? 1 : 0], shape: [], dtype: 'bool' };
  const a = v as unknown as ArrayLike<number> & ArrayBufferView;
  return { data: a, shape: [a.length], dtype: typedDType(a) };
}

function stackLeaves(values: readonly ElementLeaf[], path: string, what: string, padValue: number | undefined): Tensor {
  const items = values.map(leafData);
  const at = path ? ` at ${path}` : '';
  // Plain numbers: int32 only when every one is an integer (labels), else float32.
  let dtype = items[0]!.dtype;
  if (typeof values[0] === 'number') dtype = items.every((it) => it.dtype === 'int32') ? 'int32' : 'float32';
  const rank = items[0]!.shape.length;
  const maxShape = [...items[0]!.shape];
  let ragged = false;
  items.forEach((it, i) => {
    if (typeof values[0] !== 'number' && it.dtype !== dtype) {
      throw new TesseraError(`${what}: element ${i}${at} has dtype ${it.dtype} but element 0 has ${dtype}`);
    }
    if (it.shape.length !== rank) {
      throw new TesseraError(`${what}: element ${i}${at} has shape ${fmtShape(it.shape)} but element 0 has ${fmtShape(items[0]!.shape)} (ranks must match)`);
    }
    for (let d = 0; d < rank; d++) {
      if (it.shape[d] !== maxShape[d]) ragged = true;
      maxShape[d] = Math.max(maxShape[d]!, it.shape[d]!);
    }
  });
  if (ragged && padValue === undefined) {
    const other = items.find((it) => it.shape.some((d, k) => d !== items[0]!.shape[k]))!;
    throw new TesseraError(`${what}: elements${at} have different shapes ${fmtShape(items[0]!.shape)} and ${fmtShape(other.shape)}; pass padValue to pad them to the longest in the batch`);
  }
  const rowSize = maxShape.reduce((a, b) => a * b, 1);
  const out: TypedArray = allocate(dtype, items.length * rowSize);
  if (ragged) out.fill(padValue!);
  items.forEach((it, i) => {
    if (!ragged) {
      (out as Float32Array).set(it.data as ArrayLike<number>, i * rowSize);
      return;
    }
    copyPadded(it.data, it.shape, out, i * rowSize, maxShape);
  });
  return new Tensor([items.length, ...maxShape], dtype, out, null);
}

/** Copies a row-major block of `shape` into the corner of a larger block of `target` shape. */
function copyPadded(src: ArrayLike<number>, shape: readonly number[], out: TypedArray, offset: number, target: readonly number[]): void {
  const rank = shape.length;
  if (rank === 0) {
    out[offset] = src[0]!;
    return;
  }
  const inner = shape[rank - 1]!;
  const rows = inner === 0 ? 0 : src.length / inner;
  for (let r = 0; r < rows; r++) {
    // The output offset of row r: its multi-index over the leading axes, in the target strides.
    let rem = r;
    let dst = 0;
    let stride = target[rank - 1]!;
    for (let d = rank - 2; d >= 0; d--) {
      const idx = rem % shape[d]!;
      rem = Math.floor(rem / shape[d]!);
      dst += idx * stride;
      stride *= target[d]!;
    }
    for (let c = 0; c < inner; c++) out[offset + dst + c] = src[r * inner + c]!;
  }
}
