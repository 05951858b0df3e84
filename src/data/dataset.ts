/**
 * Datasets: lazy, re-iterable pipelines of elements (tf.data's model, as async iterables). Each
 * `for await` opens a fresh pass through the chain; nothing runs until a pass pulls. Memory stays
 * bounded by the buffers asked for (shuffle buffer, prefetch depth, map parallelism), never by the
 * dataset's length — except `cache()`, which keeps what it has seen, by request.
 *
 * "Parallelism" is concurrency on one thread: map functions that await (sharp decoding on libuv's
 * pool, reading files, an ffmpeg process) overlap; synchronous work does not. While `fit` awaits
 * ONNX Runtime's step (which runs on its own threads), the event loop is free, so a `prefetch` runs
 * the pipeline ahead of the step.
 */
import { realize } from '../core/engine.js';
import { TesseraError } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { nextKey } from '../ops/random/key.js';
import { collate, type Batched } from './collate.js';
import { hostRandom, mixSeed } from './random.js';

export interface MapOptions {
  /** How many calls of the function may be in flight at once (results keep their order). Default 1. */
  parallelism?: number;
}

export interface ShuffleOptions {
  /** Seed of the order; default: drawn from the global seed (`tsr.setSeed`) when the dataset is made. */
  seed?: number;
  /** A new order on every pass (default true), else the same order each pass. */
  reshuffleEachIteration?: boolean;
}

export interface BatchOptions {
  /** Drops the last batch when it is smaller than `batchSize`. Default false. */
  dropRemainder?: boolean;
  /** Pads elements whose shapes differ (sequences) to the longest in the batch with this value. */
  padValue?: number;
}

function checkCount(op: string, name: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) throw new TesseraError(`dataset.${op}: ${name} must be an integer ≥ ${min}. Received: ${name}=${n}`);
}

/** Pulls up to `depth` results of `step` ahead, in order; settles the ones left behind when closed. */
async function* ahead<U>(depth: number, step: () => Promise<IteratorResult<U>>, close: () => void): AsyncGenerator<U> {
  const queue: Promise<IteratorResult<U>>[] = [];
  let exhausted = false;
  const launch = (): void => {
    const p = step();
    p.catch(() => undefined); // awaited below in order; this only keeps an early failure from being "unhandled"
    queue.push(p);
  };
  try {
    for (let i = 0; i < depth; i++) launch();
    while (queue.length > 0) {
      const r = await queue.shift()!;
      if (r.done) {
        exhausted = true;
        break;
      }
      launch();
      yield r.value;
    }
  } finally {
    if (!exhausted) close();
  }
}

export class Dataset<T> implements AsyncIterable<T> {
  private passes = 0;

  /**
   * @param open starts pass number `pass` (0, 1, …) through the elements.
   * @param size the number of elements when known (Infinity for endless), else null.
   */
  constructor(private readonly open: (pass: number) => AsyncIterator<T>, readonly size: number | null) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.open(this.passes++);
  }

  /**
   * Opens pass number `pass` explicitly (shuffles below draw that pass's order). `fit` does, with
   * a pass number derived from the run (its step count at the epoch's start), so an epoch's order
   * does not depend on how often this object was iterated before: a resumed run sees the order an
   * uninterrupted one saw.
   */
  iteratePass(pass: number): AsyncIterator<T> {
    if (!Number.isSafeInteger(pass) || pass < 0) throw new TesseraError(`Dataset.iteratePass: pass must be an integer ≥ 0. Received: pass=${pass}`);
    return this.open(pass);
  }

  /** Applies `fn` to every element; with `parallelism` > 1, up to that many calls overlap. */
  map<U>(fn: (element: T, index: number) => U | Promise<U>, options: MapOptions = {}): Dataset<U> {
    const parallelism = options.parallelism ?? 1;
    checkCount('map', 'parallelism', parallelism, 1);
    return new Dataset<U>((pass) => {
      const it = this.open(pass);
      let index = 0;
      const step = async (): Promise<IteratorResult<U>> => {
        const i = index++;
        const r = await it.next();
        return r.done ? { done: true, value: undefined } : { done: false, value: await fn(r.value, i) };
      };
      return ahead(parallelism, step, () => void it.return?.());
    }, this.size);
  }

  /** Keeps the elements for which `predicate` holds. */
  filter(predicate: (element: T, index: number) => boolean | Promise<boolean>): Dataset<T> {
    const self = this;
    return new Dataset<T>(async function* (pass) {
      let i = 0;
      for await (const el of { [Symbol.asyncIterator]: () => self.open(pass) }) if (await predicate(el, i++)) yield el;
    }, null);
  }

  /**
   * Shuffles through a buffer of `bufferSize` elements (tf.data's algorithm): each output is drawn
   * at random from the buffer and replaced by the next input. A buffer ≥ the dataset's size gives a
   * uniform shuffle; a smaller one only mixes nearby elements.
   */
  shuffle(bufferSize: number, options: ShuffleOptions = {}): Dataset<T> {
    checkCount('shuffle', 'bufferSize', bufferSize, 1);
    const seed = options.seed ?? mixSeed(...nextKey());
    const reshuffle = options.reshuffleEachIteration ?? true;
    const self = this;
    return new Dataset<T>(async function* (pass) {
      const random = hostRandom(seed, reshuffle ? pass : 0);
      const buffer: T[] = [];
      for await (const el of { [Symbol.asyncIterator]: () => self.open(pass) }) {
        if (buffer.length < bufferSize) {
          buffer.push(el);
          continue;
        }
        const j = Math.floor(random() * bufferSize);
        const out = buffer[j]!;
        buffer[j] = el;
        yield out;
      }
      while (buffer.length > 0) {
        const j = Math.floor(random() * buffer.length);
        const out = buffer[j]!;
        buffer[j] = buffer[buffer.length - 1]!;
        buffer.pop();
        yield out;
      }
    }, this.size);
  }

  /** Stacks runs of `batchSize` elements into tensors with a leading batch axis (see collate.ts). */
  batch(batchSize: number, options: BatchOptions = {}): Dataset<Batched<T>> {
    checkCount('batch', 'batchSize', batchSize, 1);
    const dropRemainder = options.dropRemainder ?? false;
    const self = this;
    const n = this.size;
    const size = n === null || n === Infinity ? n : dropRemainder ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
    type B = Batched<T>;
    return new Dataset<B>(async function* (pass) {
      let pending: T[] = [];
      for await (const el of { [Symbol.asyncIterator]: () => self.open(pass) }) {
        pending.push(el);
        if (pending.length === batchSize) {
          const full = pending;
          pending = [];
          yield await collate(full, { padValue: options.padValue, what: 'dataset.batch' });
        }
      }
      if (pending.length > 0 && !dropRemainder) yield await collate(pending, { padValue: options.padValue, what: 'dataset.batch' });
    }, size);
  }

  /** Keeps up to `bufferSize` elements computed ahead of the consumer. */
  prefetch(bufferSize = 2): Dataset<T> {
    checkCount('prefetch', 'bufferSize', bufferSize, 1);
    return new Dataset<T>((pass) => {
      const it = this.open(pass);
      return ahead(bufferSize, () => it.next(), () => void it.return?.());
    }, this.size);
  }

  /** The first `count` elements. */
  take(count: number): Dataset<T> {
    checkCount('take', 'count', count, 0);
    const self = this;
    return new Dataset<T>(async function* (pass) {
      if (count === 0) return;
      let i = 0;
      for await (const el of { [Symbol.asyncIterator]: () => self.open(pass) }) {
        yield el;
        if (++i >= count) return;
      }
    }, this.size === null ? null : Math.min(count, this.size));
  }

  /** All but the first `count` elements. */
  skip(count: number): Dataset<T> {
    checkCount('skip', 'count', count, 0);
    const self = this;
    return new Dataset<T>(async function* (pass) {
      let i = 0;
      for await (const el of { [Symbol.asyncIterator]: () => self.open(pass) }) if (i++ >= count) yield el;
    }, this.size === null ? null : Math.max(0, this.size - count));
  }

  /** The elements `count` times over (endlessly when omitted; `fit` then needs `stepsPerEpoch`). */
  repeat(count = Infinity): Dataset<T> {
    if (count !== Infinity) checkCount('repeat', 'count', count, 0);
    const self = this;
    return new Dataset<T>(async function* (pass) {
      for (let r = 0; r < count; r++) {
        let any = false;
        // Each repetition is a pass of its own, so a shuffle below reshuffles.
        for await (const el of { [Symbol.asyncIterator]: () => self.open(count === Infinity ? pass * 2 ** 24 + r : pass * count + r) }) {
          any = true;
          yield el;
        }
        if (!any) return; // an empty dataset repeated forever would spin
      }
    }, this.size === null ? null : count === Infinity ? (this.size === 0 ? 0 : Infinity) : this.size * count);
  }

  /**
   * Keeps the elements of the first complete pass in memory and replays them afterwards (put it
   * after expensive decoding and before shuffle/augmentation). An interrupted first pass keeps nothing.
   */
  cache(): Dataset<T> {
    let stored: T[] | null = null;
    const self = this;
    return new Dataset<T>(async function* (pass) {
      if (stored) {
        yield* stored;
        return;
      }
      const seen: T[] = [];
      for await (const el of { [Symbol.asyncIterator]: () => self.open(pass) }) {
        seen.push(el);
        yield el;
      }
      stored = seen;
    }, this.size);
  }

  /** This dataset's elements followed by `other`'s. */
  concatenate(other: Dataset<T>): Dataset<T> {
    const self = this;
    return new Dataset<T>(async function* (pass) {
      yield* { [Symbol.asyncIterator]: () => self.open(pass) };
      yield* { [Symbol.asyncIterator]: () => other.open(pass) };
    }, this.size === null || other.size === null ? null : this.size + other.size);
  }

  /**
   * Splits into [training, validation] with the last `validationFraction` of the elements held out
   * (after a fixed seeded shuffle when `seed` is given: the split stays the same on every pass).
   */
  split(validationFraction: number, options: { seed?: number } = {}): [Dataset<T>, Dataset<T>] {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new TesseraError(`dataset.split: validationFraction must be in (0, 1). Received: validationFraction=${validationFraction}`);
    }
    if (this.size === null || this.size === Infinity) {
      throw new TesseraError(`dataset.split: needs a dataset of known, finite size (split before filter/repeat, or use take/skip). Received: size=${this.size}`);
    }
    const nVal = Math.round(this.size * validationFraction);
    const nTrain = this.size - nVal;
    const source = options.seed === undefined ? this : this.shuffle(this.size, { seed: options.seed, reshuffleEachIteration: false });
    return [source.take(nTrain), source.skip(nTrain)];
  }

  /** All elements of one pass, in an array. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const el of this) out.push(el);
    return out;
  }

  /** Calls `fn` on every element of one pass. */
  async forEach(fn: (element: T, index: number) => void | Promise<void>): Promise<void> {
    let i = 0;
    for await (const el of this) await fn(el, i++);
  }
}

/** One element per item of `items` (the array is read on each pass, not copied). */
export function fromArrays<T>(items: readonly T[]): Dataset<T> {
  if (!Array.isArray(items)) throw new TesseraError(`fromArrays: expected an array. Received: ${typeof items}`);
  return new Dataset<T>(async function* () {
    yield* items;
  }, items.length);
}

/** The elements that `make()` produces; it is called again on every pass. */
export function fromGenerator<T>(make: () => Iterable<T> | AsyncIterable<T>, size: number | null = null): Dataset<T> {
  if (typeof make !== 'function') throw new TesseraError(`fromGenerator: expected a function returning an iterable. Received: ${typeof make}`);
  return new Dataset<T>(async function* () {
    const source = make();
    if (source === null || typeof source !== 'object' || !(Symbol.asyncIterator in source || Symbol.iterator in source)) {
      throw new TesseraError(`fromGenerator: the function must return an iterable or async iterable. Received: ${source === null ? 'null' : typeof source}`);
    }
    yield* source;
  }, size);
}

type Slices<S> = S extends Tensor ? Tensor : S extends readonly unknown[] ? { [K in keyof S]: Slices<S[K]> } : S extends object ? { [K in keyof S]: Slices<S[K]> } : never;

/**
 * The rows of tensors along their first axis: `fromTensors([x, y])` yields `[x[i], y[i]]`
 * (tf.data's from_tensor_slices). Tuples and records of tensors keep their structure.
 */
export function fromTensors<S extends Tensor | readonly Tensor[] | Readonly<Record<string, Tensor>>>(structure: S): Dataset<Slices<S>> {
  const leaves: Tensor[] = [];
  const collect = (x: unknown, path: string): void => {
    if (x instanceof Tensor) {
      if (x.rank === 0) throw new TesseraError(`fromTensors: ${path || 'the tensor'} must have a first axis to slice. Received: a scalar`);
      leaves.push(x);
    } else if (Array.isArray(x)) x.forEach((v, i) => collect(v, `${path}[${i}]`));
    else if (typeof x === 'object' && x !== null) for (const [k, v] of Object.entries(x)) collect(v, path ? `${path}.${k}` : k);
    else throw new TesseraError(`fromTensors: expected tensors, or tuples/records of tensors. Received: ${typeof x} at ${path || 'the top'}`);
  };
  collect(structure, '');
  const n = leaves[0]?.shape[0];
  if (n === undefined) throw new TesseraError('fromTensors: expected at least one tensor');
  for (const t of leaves) {
    if (t.shape[0] !== n) throw new TesseraError(`fromTensors: all tensors need the same first dimension (${n}). Received: shape [${t.shape.join(',')}]`);
  }
  const rowOf = (t: Tensor, i: number): Tensor => {
    const r = t._resolve();
    const rowSize = r.size / n;
    return new Tensor(r.shape.slice(1), r.dtype, r._data!.subarray(i * rowSize, (i + 1) * rowSize), null);
  };
  const pick = (x: unknown, i: number): unknown => {
    if (x instanceof Tensor) return rowOf(x, i);
    if (Array.isArray(x)) return x.map((v) => pick(v, i));
    return Object.fromEntries(Object.entries(x as object).map(([k, v]) => [k, pick(v, i)]));
  };
  return new Dataset<Slices<S>>(async function* () {
    await realize(leaves);
    for (let i = 0; i < n; i++) yield pick(structure, i) as Slices<S>;
  }, n);
}

/** Elements `[a_i, b_i, …]` of several datasets side by side; stops with the shortest. */
export function zip<A extends readonly Dataset<unknown>[]>(...datasets: A): Dataset<{ [K in keyof A]: A[K] extends Dataset<infer E> ? E : never }> {
  type Z = { [K in keyof A]: A[K] extends Dataset<infer E> ? E : never };
  const sizes = datasets.map((d) => d.size);
  const size = sizes.includes(null) ? null : Math.min(...(sizes as number[]));
  return new Dataset<Z>(async function* (pass) {
    // Each side opens the same pass number: shuffles below draw the pass's order, not their own count's.
    const its = datasets.map((d) => d.iteratePass(pass));
    try {
      while (true) {
        const rs = await Promise.all(its.map((it) => it.next()));
        if (rs.some((r) => r.done)) return;
        yield rs.map((r) => r.value) as unknown as Z;
      }
    } finally {
      for (const it of its) void it.return?.();
    }
  }, size);
}
