/**
 * `npm start`: trains the seed CNN (Keras layers, Adam) on the embedded MNIST subset (data/mnist,
 * 8,000 training digits) with `model.fit` — each batch is one compiled ONNX Runtime run — showing
 * Keras-style progress bars, then prints the test accuracy.
 *   npx tsx examples/train-mnist.ts [--epochs 4] [--batch 32] [--limit N] [--backend reference]
 */
import { parseArgs } from 'node:util';
import * as tsr from '../src/index.js';
import { seedCnn } from './seed-cnn.js';
import { loadMnist } from '../src/data/datasets/mnist.js';

const { values: cli } = parseArgs({
  options: { epochs: { type: 'string', default: '4' }, batch: { type: 'string', default: '32' }, limit: { type: 'string' }, backend: { type: 'string' } },
});
if (cli.backend) tsr.setBackend(cli.backend);
// Large per-step buffers: keep glibc from returning them to the kernel every step (see tuned-malloc.ts).
tsr.relaunchWithTunedMalloc();

const train = await loadMnist('data/mnist', 'train');
const test = await loadMnist('data/mnist', 'test');
const limit = cli.limit ? Number(cli.limit) : train.images.shape[0]!;
const x = limit < train.images.shape[0]! ? tsr.slice(train.images, [0, 0, 0, 0], [limit, -1, -1, -1]) : train.images;
const y = limit < train.labels.shape[0]! ? tsr.slice(train.labels, [0], [limit]) : train.labels;

tsr.setSeed(0);
const model = seedCnn({ name: 'seed_cnn' });
model.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
console.log(`seed CNN on ${limit} MNIST digits (test: ${test.images.shape[0]}), batch ${cli.batch}, Adam, ${tsr.getBackend().name} backend`);
model.summary();
const t0 = performance.now();
await model.fit(x, y, { epochs: Number(cli.epochs), batchSize: Number(cli.batch) });
const [loss, accuracy] = (await model.evaluate(test.images, test.labels, { batchSize: 250 })) as number[];
console.log(`test accuracy: ${(accuracy! * 100).toFixed(2)}% (loss ${loss!.toFixed(4)}, ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
