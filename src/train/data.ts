/**
 * What `fit`, `evaluate` and `predict` accept as data, turned into batches: tensors or arrays
 * (sliced into batches on the host, shuffled per epoch with a seeded order), or a dataset (any
 * iterable or async iterable of batches `[x, y]`, `[x, y, sampleWeight]` or `{xs, ys}`).
 */
import { realize } from '../core/engine.js';
import { mulberry32, randomPermutation } from '../data/random.js';
import { TesseraError } from '../core/errors.js';
import { Tensor, tensor, type TensorLike } from '../core/tensor.js';
import { describe } from '../io/serialization.js';

export type TensorInput = TensorLike | TensorLike[] | Record<string, TensorLike>;

export interface Batch {
  xs: Tensor[];
  ys: Tensor[];
  /** One per output: per-sample weights [batch], or null. */
  sws: (Tensor | null)[];
  size: number;
}

export type DatasetElement = readonly [TensorInput, TensorInput?, TensorInput?] | { xs: TensorInput; ys?: TensorInput; sampleWeight?: TensorInput };
export type Dataset = AsyncIterable<DatasetElement> | Iterable<DatasetElement>;

export function isDataset(x: unknown): x is Dataset {
  if (typeof x !== 'object' || x === null || x instanceof Tensor || Array.isArray(x) || ArrayBuffer.isView(x)) return false;
  return Symbol.asyncIterator in x || Symbol.iterator in x;
}

/** Tensors in model-input (or output) order: one tensor, a list, or a record by name. */
export function toTensorList(x: TensorInput, names: readonly string[], what: string): Tensor[] {
  let list: TensorLike[];
  if (x instanceof Tensor || ArrayBuffer.isView(x) || typeof x === 'number' || typeof x === 'boolean') list = [x as TensorLike];
  else if (Array.isArray(x)) {
    // A list of tensors (one per input) or nested numbers (one input).
    list = names.length > 1 && x.length === names.length && x.every((e) => e instanceof Tensor || ArrayBuffer.isView(e)) ? (x as TensorLike[]) : [x as TensorLike];
  } else if (typeof x === 'object' && x !== null) {
    const rec = x as Record<string, TensorLike>;
    const missing = names.filter((n) => !(n in rec));
    if (missing.length) throw new TesseraError(`${what}: missing ${missing.join(', ')} (the model's are ${names.join(', ')}). Received keys: ${Object.keys(rec).join(', ')}`);
    list = names.map((n) => rec[n]!);
  } else {
    throw new TesseraError(`${what}: expected a tensor, an array, a list of tensors or a record by name. Received: ${describe(x)}`);
  }
  if (list.length !== names.length) {
    throw new TesseraError(`${what}: the model has ${names.length} (${names.join(', ')}). Received: ${list.length}`);
  }
  return list.map((t) => (t instanceof Tensor ? t : tensor(t)));
}

/** Rows [start, end) of `t` in the order given by `order` (a host copy: the batch tensor). */
export function takeRows(t: Tensor, order: Int32Array | null, start: number, end: number): Tensor {
  const r = t._resolve();
  const data = r._data!;
  const rowSize = r.shape.slice(1).reduce((a, b) => a * b, 1);
  const n = end - start;
  const Ctor = data.constructor as new (len: number) => typeof data;
  let out: typeof data;
  if (!order) out = data.slice(start * rowSize, end * rowSize) as typeof data;
  else {
    out = new Ctor(n * rowSize);
    for (let i = 0; i < n; i++) {
      const src = order[start + i]! * rowSize;
      out.set(data.subarray(src, src + rowSize), i * rowSize);
    }
  }
  return new Tensor([n, ...r.shape.slice(1)], r.dtype, out, null);
}

/** A seeded permutation (the order is part of a run's reproducibility). */
export function permutation(n: number, seed: number): Int32Array {
  return randomPermutation(n, mulberry32(seed));
}

export interface ArraySource {
  kind: 'arrays';
  xs: Tensor[];
  ys: Tensor[];
  sws: (Tensor | null)[];
  size: number;
}

/** Realizes the tensors and checks they agree on the number of samples. */
export async function arraySource(xs: Tensor[], ys: Tensor[], sws: (Tensor | null)[], what: string): Promise<ArraySource> {
  const all = [...xs, ...ys, ...sws.filter((t): t is Tensor => t !== null)];
  await realize(all);
  const size = xs[0]!.shape[0];
  if (size === undefined) throw new TesseraError(`${what}: inputs need a batch dimension. Received: a scalar`);
  for (const t of all) {
    if (t.shape[0] !== size) {
      throw new TesseraError(`${what}: every input, target and sample weight needs the same number of samples. Received: ${all.map((u) => u.shape[0]).join(' vs ')}`);
    }
  }
  return { kind: 'arrays', xs, ys, sws, size };
}

/** Splits off the last `fraction` of the samples (Keras takes them before any shuffling). */
export function splitArrays(src: ArraySource, fraction: number): [ArraySource, ArraySource] {
  if (!(fraction > 0 && fraction < 1)) throw new TesseraError(`fit: validationSplit must be in (0, 1). Received: validationSplit=${fraction}`);
  const cut = Math.floor(src.size * (1 - fraction));
  if (cut === 0 || cut === src.size) throw new TesseraError(`fit: validationSplit=${fraction} of ${src.size} samples leaves an empty part`);
  const part = (a: number, b: number): ArraySource => ({
    kind: 'arrays',
    xs: src.xs.map((t) => takeRows(t, null, a, b)),
    ys: src.ys.map((t) => takeRows(t, null, a, b)),
    sws: src.sws.map((t) => (t ? takeRows(t, null, a, b) : null)),
    size: b - a,
  });
  return [part(0, cut), part(cut, src.size)];
}

/** The batches of one pass over arrays, from batch `firstBatch` on (a resumed epoch skips those done). */
export function* arrayBatches(src: ArraySource, batchSize: number, order: Int32Array | null, firstBatch = 0): Generator<Batch> {
  for (let start = firstBatch * batchSize; start < src.size; start += batchSize) {
    const end = Math.min(src.size, start + batchSize);
    yield {
      xs: src.xs.map((t) => takeRows(t, order, start, end)),
      ys: src.ys.map((t) => takeRows(t, order, start, end)),
      sws: src.sws.map((t) => (t ? takeRows(t, order, start, end) : null)),
      size: end - start,
    };
  }
}

/**
 * The batches of one pass over a dataset (at most `steps` when given); the first `skip` elements are
 * read and dropped unconverted (a resumed epoch skips the batches done).
 */
export async function* datasetBatches(ds: Dataset, inputNames: readonly string[], outputNames: readonly string[], needTargets: boolean, steps: number | null, classWeight?: Readonly<Record<number, number>>, skip = 0): AsyncGenerator<Batch> {
  let k = 0;
  for await (const el of ds as AsyncIterable<DatasetElement>) {
    if (steps !== null && k >= steps) break;
    if (k++ < skip) continue;
    let x: TensorInput, y: TensorInput | undefined, sw: TensorInput | undefined;
    if (Array.isArray(el)) [x, y, sw] = el as [TensorInput, TensorInput?, TensorInput?];
    else if (typeof el === 'object' && el !== null && 'xs' in el) ({ xs: x, ys: y, sampleWeight: sw } = el);
    else throw new TesseraError(`dataset: each element must be [x, y], [x, y, sampleWeight] or {xs, ys}. Received: ${describe(el)}`);
    if (needTargets && y === undefined) throw new TesseraError('dataset: training and evaluation need targets: elements [x, y] or {xs, ys}');
    const xs = toTensorList(x, inputNames, 'dataset x');
    const ys = y === undefined ? [] : toTensorList(y, outputNames, 'dataset y');
    const sws = sw === undefined ? outputNames.map(() => null) : toTensorList(sw, outputNames, 'dataset sampleWeight');
    await realize([...xs, ...ys, ...sws.filter((t): t is Tensor => t !== null)]);
    const weights = classWeight ? ys.map((t, i) => weightProduct(sws[i] ?? null, classWeights(t, classWeight))) : sws;
    yield { xs, ys, sws: weights, size: xs[0]!.shape[0] ?? 1 };
  }
}

/**
 * Per-sample weights from Keras's `classWeight` ({class: weight}) for the targets of a batch:
 * integer labels, or one-hot/probability rows (the argmax class).
 */
export function classWeights(y: Tensor, weights: Readonly<Record<number, number>>): Tensor {
  const d = y._resolve()._data!;
  const n = y.shape[0] ?? 1;
  const width = y.rank >= 2 && y.shape[y.rank - 1]! > 1 ? y.shape[y.rank - 1]! : 1;
  const rows = d.length / n;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let cls: number;
    if (width === 1) cls = Number(d[i * rows]);
    else {
      cls = 0;
      for (let c = 1; c < width; c++) if (d[i * rows + c]! > d[i * rows + cls]!) cls = c;
    }
    out[i] = weights[cls] ?? 1;
  }
  return new Tensor([n], 'float32', out, null);
}

/** Elementwise product of per-sample weights (sample weights × class weights). */
export function weightProduct(a: Tensor | null, b: Tensor): Tensor {
  if (!a) return b;
  const da = a._resolve()._data!, db = b._data!;
  return new Tensor(b.shape, 'float32', Float32Array.from(db, (v, i) => v * Number(da[i])), null);
}
