import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { Dataset, fromArrays, fromGenerator, fromTensors, zip } from '../../src/data/dataset.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Dataset', () => {
  it('is re-iterable and knows its size through map/take/skip/batch/repeat', async () => {
    const ds = fromArrays(range(10));
    expect(await ds.toArray()).toEqual(range(10));
    expect(await ds.toArray()).toEqual(range(10));
    expect(ds.map((x) => x * 2).size).toBe(10);
    expect(await ds.take(3).toArray()).toEqual([0, 1, 2]);
    expect(await ds.skip(8).toArray()).toEqual([8, 9]);
    expect(ds.take(20).size).toBe(10);
    expect(ds.skip(20).size).toBe(0);
    expect(ds.batch(4).size).toBe(3);
    expect(ds.batch(4, { dropRemainder: true }).size).toBe(2);
    expect(await ds.repeat(2).toArray()).toEqual([...range(10), ...range(10)]);
    expect(ds.repeat().size).toBe(Infinity);
    expect(await ds.repeat().take(23).toArray()).toEqual([...range(10), ...range(10), 0, 1, 2]);
    expect(ds.filter((x) => x % 2 === 0).size).toBeNull();
    expect(await ds.filter((x) => x % 3 === 0).toArray()).toEqual([0, 3, 6, 9]);
    expect(await ds.take(2).concatenate(ds.skip(9)).toArray()).toEqual([0, 1, 9]);
    expect(await fromArrays([]).repeat().toArray()).toEqual([]);
  });

  it('map keeps the order with parallel calls, runs at most `parallelism` at once, passes indices', async () => {
    let inFlight = 0;
    let peak = 0;
    const ds = fromArrays(range(40)).map(async (x, i) => {
      expect(i).toBe(x);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep((x * 7) % 5); // finish out of order
      inFlight--;
      return x * x;
    }, { parallelism: 4 });
    expect(await ds.toArray()).toEqual(range(40).map((x) => x * x));
    expect(peak).toBe(4);
  });

  it('an error in map reaches the consumer at its element, and the pass can be retried', async () => {
    let fail = true;
    const ds = fromArrays(range(6)).map(async (x) => {
      await sleep(1);
      if (x === 3 && fail) throw new Error('bad element 3');
      return x;
    }, { parallelism: 3 });
    const seen: number[] = [];
    await expect(ds.forEach((x) => { seen.push(x); })).rejects.toThrow('bad element 3');
    expect(seen).toEqual([0, 1, 2]);
    fail = false;
    expect(await ds.toArray()).toEqual(range(6));
  });

  it('shuffle: a seeded permutation, reshuffled per pass, the same with the same seed', async () => {
    const ds = fromArrays(range(100)).shuffle(100, { seed: 7 });
    const a = await ds.toArray();
    const b = await ds.toArray();
    expect([...a].sort((x, y) => x - y)).toEqual(range(100));
    expect(a).not.toEqual(range(100));
    expect(b).not.toEqual(a);
    expect(await fromArrays(range(100)).shuffle(100, { seed: 7 }).toArray()).toEqual(a);
    const fixed = fromArrays(range(100)).shuffle(100, { seed: 7, reshuffleEachIteration: false });
    expect(await fixed.toArray()).toEqual(await fixed.toArray());
    tsr.setSeed(3);
    const s1 = await fromArrays(range(20)).shuffle(20).toArray();
    tsr.setSeed(3);
    expect(await fromArrays(range(20)).shuffle(20).toArray()).toEqual(s1);
  });

  it('shuffle with a small buffer only mixes nearby elements and holds at most bufferSize', async () => {
    let pulled = 0;
    let yielded = 0;
    let maxHeld = 0;
    const ds = fromGenerator(function* () { for (let i = 0; i < 1000; i++) { pulled++; yield i; } }).shuffle(10, { seed: 1 });
    const out: number[] = [];
    for await (const x of ds) {
      yielded++;
      maxHeld = Math.max(maxHeld, pulled - yielded);
      out.push(x);
    }
    expect([...out].sort((x, y) => x - y)).toEqual(range(1000));
    expect(maxHeld).toBeLessThanOrEqual(10);
    // An element can only move ahead as far as the buffer lets it.
    out.forEach((x, pos) => expect(x).toBeLessThanOrEqual(pos + 10));
  });

  it('batch stacks tensors, numbers and typed arrays inside tuples and records', async () => {
    const ds = fromArrays(range(5)).map((i) => ({
      image: tsr.tensor([[i, i + 0.5]]),
      label: i,
      weight: i / 2,
      ids: Int32Array.of(i, i + 1, i + 2),
    })).batch(2);
    const batches = await ds.toArray();
    expect(batches).toHaveLength(3);
    const b0 = batches[0]!;
    expect(b0.image.shape).toEqual([2, 1, 2]);
    expect(await b0.image.array()).toEqual([[[0, 0.5]], [[1, 1.5]]]);
    expect(b0.label.dtype).toBe('int32');
    expect(await b0.label.array()).toEqual([0, 1]);
    expect(b0.weight.dtype).toBe('float32');
    expect(await b0.weight.array()).toEqual([0, 0.5]);
    expect(b0.ids.dtype).toBe('int32');
    expect(await b0.ids.array()).toEqual([[0, 1, 2], [1, 2, 3]]);
    expect(batches[2]!.image.shape).toEqual([1, 1, 2]);
    const tuples = await fromArrays([[tsr.tensor([1, 2]), 0], [tsr.tensor([3, 4]), 1]] as [tsr.Tensor, number][]).batch(2).toArray();
    expect(await tuples[0]![0].array()).toEqual([[1, 2], [3, 4]]);
    expect(await tuples[0]![1].array()).toEqual([0, 1]);
  });

  it('batch pads sequences with padValue, and otherwise names the mismatch', async () => {
    const seqs = [Int32Array.of(1, 2, 3), Int32Array.of(4), Int32Array.of(5, 6)];
    const [padded] = await fromArrays(seqs).batch(3, { padValue: 0 }).toArray();
    expect(await padded!.array()).toEqual([[1, 2, 3], [4, 0, 0], [5, 6, 0]]);
    const grids = [tsr.tensor([[1, 2], [3, 4]]), tsr.tensor([[5], [6], [7]])];
    const [g] = await fromArrays(grids).batch(2, { padValue: -1 }).toArray();
    expect(await g!.array()).toEqual([[[1, 2], [3, 4], [-1, -1]], [[5, -1], [6, -1], [7, -1]]]);
    await expect(fromArrays(seqs).batch(3).toArray()).rejects.toThrow(/different shapes \[3\] and \[1\]; pass padValue/);
    await expect(fromArrays([[1, 2], [1]] as number[][]).batch(2).toArray()).rejects.toThrow(/differs in structure/);
    await expect(fromArrays([tsr.tensor([1]), tsr.tensor([1], undefined, 'int32')]).batch(2).toArray()).rejects.toThrow(/dtype int32 but element 0 has float32/);
    await expect(fromArrays(['text']).batch(1).toArray()).rejects.toThrow(/Received: string/);
  });

  it('prefetch runs the pipeline ahead of a slow consumer, bounded by its depth', async () => {
    let produced = 0;
    const ds = fromGenerator(async function* () {
      for (let i = 0; i < 20; i++) {
        await sleep(1);
        produced++;
        yield i;
      }
    }).prefetch(3);
    let consumed = 0;
    for await (const x of ds) {
      expect(x).toBe(consumed);
      await sleep(10); // the "training step"
      consumed++;
      expect(produced - consumed).toBeLessThanOrEqual(3);
      if (consumed === 5) expect(produced).toBeGreaterThanOrEqual(consumed + 2);
    }
    expect(consumed).toBe(20);
  });

  it('cache decodes once and replays; an interrupted first pass keeps nothing', async () => {
    let calls = 0;
    const ds = fromArrays(range(5)).map((x) => { calls++; return x + 1; }).cache();
    await ds.take(2).toArray();
    expect(await ds.toArray()).toEqual([1, 2, 3, 4, 5]);
    const after = calls;
    expect(await ds.toArray()).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toBe(after);
  });

  it('split holds out the last fraction, or a fixed seeded subset', async () => {
    const [train, val] = fromArrays(range(10)).split(0.2);
    expect(await train.toArray()).toEqual(range(8));
    expect(await val.toArray()).toEqual([8, 9]);
    const [tr, va] = fromArrays(range(10)).split(0.3, { seed: 4 });
    const a = await tr.toArray();
    const b = await va.toArray();
    expect(a).toHaveLength(7);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(range(10));
    expect(await va.toArray()).toEqual(b);
    expect(() => fromArrays(range(4)).filter(() => true).split(0.5)).toThrow(/known, finite size/);
    expect(() => fromArrays(range(4)).split(1)).toThrow(/validationFraction must be in \(0, 1\)/);
  });

  it('fromTensors slices rows of tuples/records; zip pairs datasets', async () => {
    const x = tsr.tensor([[1, 2], [3, 4], [5, 6]]);
    const y = tsr.tensor([0, 1, 2], [3], 'int32');
    const rows = await fromTensors([x, y] as const).toArray();
    expect(rows).toHaveLength(3);
    expect(await rows[1]![0].array()).toEqual([3, 4]);
    expect(rows[1]![1].item()).toBe(1);
    const rec = await fromTensors({ a: x }).batch(2).toArray();
    expect(await rec[1]!.a.array()).toEqual([[5, 6]]);
    expect(() => fromTensors([x, tsr.tensor([1, 2])])).toThrow(/same first dimension \(3\)/);
    const z = zip(fromArrays(['a', 'b', 'c']), fromArrays(range(2)));
    expect(z.size).toBe(2);
    expect(await z.toArray()).toEqual([['a', 0], ['b', 1]]);
  });

  it('checks its arguments', () => {
    const ds = fromArrays(range(3));
    expect(() => ds.batch(0)).toThrow('dataset.batch: batchSize must be an integer ≥ 1. Received: batchSize=0');
    expect(() => ds.shuffle(-1)).toThrow(/bufferSize must be an integer/);
    expect(() => ds.map((v) => v, { parallelism: 0 })).toThrow(/parallelism/);
    expect(() => fromGenerator(5 as unknown as () => number[])).toThrow(/expected a function/);
  });

  it('a 10,000-item shuffle+map+batch+prefetch pipeline keeps few elements alive', async () => {
    let made = 0;
    let batched = 0;
    let maxAlive = 0;
    const ds = fromGenerator(function* () { for (let i = 0; i < 10_000; i++) yield i; }, 10_000)
      .shuffle(256, { seed: 0 })
      .map(async (i) => { made++; await Promise.resolve(); return [new Float32Array(64).fill(i), i % 10] as [Float32Array, number]; }, { parallelism: 8 })
      .batch(32)
      .prefetch(4);
    let seen = 0;
    for await (const [x, y] of ds) {
      batched += x.shape[0]!;
      maxAlive = Math.max(maxAlive, made - batched);
      expect(y.shape).toEqual([x.shape[0]]);
      seen++;
    }
    expect(seen).toBe(Math.ceil(10_000 / 32));
    expect(batched).toBe(10_000);
    // Alive = mapped but not yet consumed: at most the prefetched batches, one forming, and map's slots.
    expect(maxAlive).toBeLessThanOrEqual(32 * 5 + 8);
  });
});

describe('Dataset.iteratePass', () => {
  const collect = async <T>(it: AsyncIterator<T>): Promise<T[]> => {
    const out: T[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) out.push(r.value);
    return out;
  };

  it('gives pass n\'s shuffle order whatever the object iterated before (what a resumed fit relies on)', async () => {
    const make = () => fromArrays(range(12)).shuffle(12, { seed: 5 }).map((v) => v * 10);
    const a = make();
    const passes = [await a.toArray(), await a.toArray(), await a.toArray()]; // passes 0, 1, 2 in turn
    expect(passes[1]).not.toEqual(passes[0]);
    const fresh = make(); // a new process: the object has never been iterated
    expect(await collect(fresh.iteratePass(2))).toEqual(passes[2]);
    expect(await collect(fresh.iteratePass(0))).toEqual(passes[0]);
    expect(() => fresh.iteratePass(-1)).toThrow('Dataset.iteratePass: pass must be an integer ≥ 0. Received: pass=-1');
  });

  it('zip opens the same pass on each side (it used the sides\' own pass counters before)', async () => {
    const make = () => zip(fromArrays(range(6)).shuffle(6, { seed: 1 }), fromArrays(range(6)).shuffle(6, { seed: 1 }));
    const z = make();
    await z.toArray();
    const second = await z.toArray();
    expect(await collect(make().iteratePass(1))).toEqual(second);
    expect(second.every(([p, q]) => p === q)).toBe(true); // same seed, same pass: the same order on both sides
  });
});

describe('model.fit with a Dataset', () => {
  it('trains from a shuffled, mapped, batched pipeline; the progress target comes from its size', async () => {
    tsr.setSeed(0);
    const n = 64;
    const xs = tsr.randomNormal([n, 4], { key: tsr.randomKey(1) });
    const w = tsr.tensor([[1], [-2], [0.5], [3]]);
    const ys = tsr.matmul(xs, w);
    const ds = fromTensors([xs, ys] as const).shuffle(n, { seed: 1 }).map(([x, y]) => [x, y] as const).batch(16).prefetch(2);
    const model = tsr.sequential([tsr.layers.dense({ units: 1, inputShape: [4] })]);
    model.compile({ optimizer: tsr.optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
    const probe = tsr.callbacks.lambdaCallback({});
    const history = await model.fit(ds, { epochs: 5, verbose: 0, callbacks: [probe] });
    expect(probe.params?.steps).toBe(4);
    const losses = history.history['loss'] as number[];
    expect(losses).toHaveLength(5);
    expect(losses[4]!).toBeLessThan(losses[0]! * 0.2);
    const evalDs = fromTensors([xs, ys] as const).batch(32);
    const [loss] = (await model.evaluate(evalDs, undefined, { verbose: 0 })) as number[];
    expect(loss!).toBeLessThan(losses[0]!);
  });

  it('applies classWeight to dataset batches and refuses a separate sampleWeight', async () => {
    const x = tsr.tensor([[1, 0], [0, 1], [1, 1], [0, 0]]);
    const y = tsr.tensor([0, 1, 0, 1], [4], 'int32');
    const model = tsr.sequential([tsr.layers.dense({ units: 2, inputShape: [2] })]);
    model.compile({ optimizer: tsr.optimizers.sgd({ learningRate: 0.5 }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });
    const before = model.getWeights().map((w) => w.dataSync());
    // Every class weighs 0: the loss and the update vanish.
    const h = await model.fit(fromTensors([x, y] as const).batch(4), { epochs: 1, verbose: 0, classWeight: { 0: 0, 1: 0 } });
    expect((h.history['loss'] as number[])[0]).toBe(0);
    model.getWeights().forEach((w, i) => expect(w.dataSync()).toEqual(before[i]));
    const h2 = await model.fit(fromTensors([x, y] as const).batch(4), { epochs: 1, verbose: 0, classWeight: { 0: 1, 1: 0 } });
    expect((h2.history['loss'] as number[])[0]).toBeGreaterThan(0);
    await expect(model.fit(fromTensors([x, y] as const).batch(4), { epochs: 1, verbose: 0, sampleWeight: tsr.ones([4]) })).rejects.toThrow(/sample weights come from the dataset/);
  });

  it('an endless dataset needs stepsPerEpoch', async () => {
    const x = tsr.ones([8, 2]);
    const y = tsr.ones([8, 1]);
    const model = tsr.sequential([tsr.layers.dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const ds = fromTensors([x, y] as const).batch(4).repeat();
    await expect(model.fit(ds, { epochs: 1, verbose: 0 })).rejects.toThrow(/repeats endlessly; pass stepsPerEpoch/);
    const h = await model.fit(ds, { epochs: 2, stepsPerEpoch: 3, verbose: 0 });
    expect((h.history['loss'] as number[]).length).toBe(2);
    // fit(dataset, undefined, args) as well (what callers with an optional y pass).
    const h3 = await model.fit(ds, undefined, { epochs: 3, stepsPerEpoch: 1, verbose: 0 });
    expect((h3.history['loss'] as number[]).length).toBe(3);
  });
});

// Keep the type of a Dataset usable from user code.
export type _Check = Dataset<number>;
