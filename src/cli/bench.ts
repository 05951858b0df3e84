/**
 * `tessera bench [recipe]`: how fast a recipe's model trains and predicts on this machine, on the
 * recipe's own data: training samples/s (compiled step through trainOnBatch, as fit runs it),
 * inference samples/s at the training batch size, and batch-1 latency (median and 90th
 * percentile). The repository's bench/ suite compares against PyTorch and tfjs; this is the
 * quick figure a user can take on their own machine and device.
 */
import { availableParallelism } from 'node:os';
import * as tsr from '../api.js';
import { getRecipe, type RecipeSplit } from '../recipes/index.js';
import { line, type CliIO } from './io.js';

export interface BenchCommandOptions {
  data?: string;
  batch?: number;
  seconds?: number;
  seed?: number;
  imageSize?: number;
  device?: 'cpu' | 'webgpu' | 'cuda';
  threads?: number;
  json?: boolean;
}

export interface BenchReport {
  recipe: string;
  device: string;
  threads: number;
  batchSize: number;
  train: { samplesPerSecond: number; steps: number; seconds: number };
  predict: { samplesPerSecond: number; batches: number; seconds: number };
  latency: { medianMs: number; p90Ms: number; runs: number };
}

type Inputs = tsr.Tensor | tsr.Tensor[];
type Batch = readonly [Inputs, tsr.Tensor];

/** Batches held in memory, so the figures measure the model rather than the data pipeline. */
const HELD_BATCHES = 8;

const rows = (x: Inputs, start: number, count: number): Inputs => {
  const take = (t: tsr.Tensor) => tsr.slice(t, [start, ...t.shape.slice(1).map(() => 0)], [count, ...t.shape.slice(1).map(() => -1)]);
  return Array.isArray(x) ? x.map(take) : take(x);
};

async function heldBatches(split: RecipeSplit, batchSize: number, recipe: string): Promise<Batch[]> {
  const batches: Batch[] = [];
  if ('x' in split) {
    const n = split.y.shape[0]!;
    if (n < batchSize) throw new tsr.TesseraError(`bench: ${recipe} loaded ${n} training samples, fewer than one batch; pass a smaller --batch. Received: --batch ${batchSize}`);
    for (let s = 0; s + batchSize <= n && batches.length < HELD_BATCHES; s += batchSize) batches.push([rows(split.x, s, batchSize), rows(split.y, s, batchSize) as tsr.Tensor]);
  } else {
    for await (const batch of split.dataset) {
      batches.push(batch);
      if (batches.length === HELD_BATCHES) break;
    }
    if (!batches.length) throw new tsr.TesseraError(`bench: ${recipe}'s training data is empty`);
  }
  await tsr.realize(batches.flatMap(([x, y]) => [...(Array.isArray(x) ? x : [x]), y]));
  return batches;
}

/** Calls `step` until `seconds` pass (at least `minCalls` times); returns calls and elapsed seconds. */
async function timed(seconds: number, minCalls: number, step: (i: number) => Promise<unknown>): Promise<{ calls: number; seconds: number }> {
  const t0 = performance.now();
  let calls = 0;
  while (calls < minCalls || performance.now() - t0 < seconds * 1000) await step(calls++);
  return { calls, seconds: (performance.now() - t0) / 1000 };
}

export async function benchCommand(name: string, options: BenchCommandOptions, io: CliIO): Promise<BenchReport> {
  const recipe = getRecipe(name);
  const device = options.device ?? 'cpu';
  const threads = options.threads ?? availableParallelism();
  tsr.setBackend('onnxruntime', { device, intraOpNumThreads: threads } as tsr.BackendOptions);
  const batchSize = options.batch ?? recipe.defaults.batchSize;
  const seconds = options.seconds ?? 10;
  tsr.setSeed(options.seed ?? 0);
  const opts = { data: options.data, epochs: 1, batchSize, seed: options.seed ?? 0, limit: batchSize * HELD_BATCHES, imageSize: options.imageSize };
  const data = await recipe.load(opts);
  const model = recipe.build(data, opts);
  const batches = await heldBatches(data.train, batchSize, recipe.name);
  const say = (text: string): void => {
    if (!options.json) line(io.out, text);
  };
  say(`${recipe.name} on ${device} (${threads} threads), batch ${batches[0]![1].shape[0]}, ${seconds} s per figure`);

  // Two warm-up steps compile the training step; the timed steps cycle over the held batches.
  for (const [x, y] of batches.slice(0, 2)) await model.trainOnBatch(x, y);
  const train = await timed(seconds, 3, (i) => model.trainOnBatch(...batches[i % batches.length]!));
  const trainSamples = Array.from({ length: train.calls }, (_, i) => batches[i % batches.length]![1].shape[0]!).reduce((a, b) => a + b, 0);

  await model.predictOnBatch(batches[0]![0]);
  const predict = await timed(seconds / 2, 3, (i) => model.predictOnBatch(batches[i % batches.length]![0]));
  const predictSamples = Array.from({ length: predict.calls }, (_, i) => batches[i % batches.length]![1].shape[0]!).reduce((a, b) => a + b, 0);

  const one = rows(batches[0]![0], 0, 1);
  await tsr.realize(Array.isArray(one) ? one : [one]);
  for (let i = 0; i < 3; i++) await model.predictOnBatch(one);
  const latencies: number[] = [];
  await timed(seconds / 2, 20, async () => {
    const t = performance.now();
    await model.predictOnBatch(one);
    latencies.push(performance.now() - t);
  });
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;

  const report: BenchReport = {
    recipe: recipe.name,
    device,
    threads,
    batchSize: batches[0]![1].shape[0]!,
    train: { samplesPerSecond: trainSamples / train.seconds, steps: train.calls, seconds: train.seconds },
    predict: { samplesPerSecond: predictSamples / predict.seconds, batches: predict.calls, seconds: predict.seconds },
    latency: { medianMs: quantile(0.5), p90Ms: quantile(0.9), runs: latencies.length },
  };
  say(`train:   ${report.train.samplesPerSecond.toFixed(0)} samples/s (${report.train.steps} steps in ${report.train.seconds.toFixed(1)} s)`);
  say(`predict: ${report.predict.samplesPerSecond.toFixed(0)} samples/s (${report.predict.batches} batches in ${report.predict.seconds.toFixed(1)} s)`);
  say(`latency: ${report.latency.medianMs.toFixed(2)} ms median, ${report.latency.p90Ms.toFixed(2)} ms p90 at batch 1 (${report.latency.runs} runs)`);
  return report;
}
