/**
 * `npm start`: trains the seed CNN on the embedded MNIST subset (data/mnist, 8,000 train digits)
 * with a jitted training step (one ONNX Runtime session computes loss, gradients and the Adam
 * update; the reference backend runs it where ONNX Runtime cannot load), then prints the test accuracy.
 *   npx tsx examples/train-mnist.ts [--epochs 4] [--batch 32] [--limit N] [--backend reference]
 */
import { parseArgs } from 'node:util';
import * as tsr from '../src/index.js';

import { loadMnist } from '../src/data/datasets/mnist.js';
import { accuracy, makeJitTrainer, makeParams } from './seed-cnn.js';

const { values: cli } = parseArgs({
  options: { epochs: { type: 'string', default: '4' }, batch: { type: 'string', default: '32' }, limit: { type: 'string' }, backend: { type: 'string' } },
});
const epochs = Number(cli.epochs);
const batch = Number(cli.batch);
if (cli.backend) tsr.setBackend(cli.backend);
// Large per-step buffers: keep glibc from returning them to the kernel every step (see tuned-malloc.ts).
tsr.relaunchWithTunedMalloc();

/** One progress line redrawn in place on a terminal (a line per epoch otherwise). */
function progress(epoch: number, done: number, total: number, loss: number, sps: number, eta: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `epoch ${epoch}/${epochs} [${'='.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} loss ${loss.toFixed(4)} ${sps.toFixed(0)} samples/s ETA ${eta.toFixed(0)}s`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
  else if (done === total) console.log(line);
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
function shuffled(n: number, seed: number): Int32Array {
  const out = Int32Array.from({ length: n }, (_, i) => i);
  let s = seed * 2654435761 + 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const train = await loadMnist('data/mnist', 'train');
const test = await loadMnist('data/mnist', 'test');
const limit = cli.limit ? Number(cli.limit) : train.images.shape[0]!;
console.log(`seed CNN on ${limit} MNIST digits (test: ${test.images.shape[0]}), batch ${batch}, Adam, ${tsr.getBackend().name} backend`);

tsr.setSeed(0);
const trainer = makeJitTrainer(makeParams(0));
const t0 = performance.now();
for (let epoch = 1; epoch <= epochs; epoch++) {
  const order = tsr.tensor(shuffled(limit, epoch), [limit], 'int32');
  const start = performance.now();
  let lossSum = 0;
  let steps = 0;
  for (let i = 0; i + batch <= limit; i += batch) {
    const idx = tsr.slice(order, [i], [batch]);
    const loss = await trainer.step(tsr.gather(train.images, idx), tsr.gather(train.labels, idx));
    lossSum += loss;
    steps++;
    const done = i + batch;
    const sps = done / ((performance.now() - start) / 1000);
    progress(epoch, done, limit - (limit % batch), lossSum / steps, sps, (limit - done) / sps);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
}
const acc = await accuracy(trainer.params(), test.images, test.labels);
console.log(`test accuracy: ${(acc * 100).toFixed(2)}% (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
