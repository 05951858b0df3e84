/**
 * Seed MNIST CNN training throughput: Tessera's reference backend (hand-written training loop,
 * Adam) against TensorFlow.js 4.22's CPU backend, measured in the same run on the same data.
 *
 *   npm run bench            (or: npx tsx bench/mnist-cnn.ts [--seconds 20] [--batch 32] [--no-tfjs])
 *
 * Model: Conv2D 32 3×3 relu → MaxPool 2 → Conv2D 64 3×3 relu → MaxPool 2 → Flatten →
 * Dense 64 relu → Dense 10 (softmax cross-entropy from logits). Data: random images and labels
 * (throughput does not depend on the values).
 */
import { parseArgs } from 'node:util';
import * as tsr from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { makeAdam, makeParams, trainStep } from '../examples/seed-cnn.js';
import { tfjsCnnSamplesPerSecond } from './tfjs-cnn.js';

const { values: cli } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, batch: { type: 'string', default: '32' }, 'no-tfjs': { type: 'boolean' } },
});
const seconds = Number(cli.seconds);
const batch = Number(cli.batch);
const runTfjs = !cli['no-tfjs'];

function syntheticBatch(n: number, seed: number): { x: Tensor; y: Tensor } {
  return {
    x: tsr.randomUniform([n, 28, 28, 1], { key: tsr.randomKey(seed) }),
    y: tsr.randint([n], 0, 10, { key: tsr.randomKey(seed + 1) }),
  };
}

async function benchTessera(): Promise<number> {
  tsr.setBackend('reference');
  const params = makeParams();
  const adam = makeAdam(params);
  const data = [0, 1, 2, 3].map((i) => syntheticBatch(batch, 100 + i * 2));
  const step = (i: number): number => trainStep(params, adam, data[i % data.length]!.x, data[i % data.length]!.y);
  for (let i = 0; i < 2; i++) step(i); // warm-up (JIT of the JS kernels)
  let steps = 0;
  let loss = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) loss = step(steps++);
  const elapsed = (performance.now() - t0) / 1000;
  const sps = (steps * batch) / elapsed;
  console.log(`tessera reference: ${steps} steps of ${batch} in ${elapsed.toFixed(1)} s → ${sps.toFixed(1)} samples/s (last loss ${loss.toFixed(3)})`);
  return sps;
}

const ours = await benchTessera();
if (runTfjs) {
  const theirs = await tfjsCnnSamplesPerSecond(batch, seconds);
  console.log(`ratio tessera reference / tfjs cpu: ${(ours / theirs).toFixed(1)}× (goal ≥ 10×)`);
}
