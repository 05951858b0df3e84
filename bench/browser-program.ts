/**
 * What the browser benchmark's page runs (bench/browser.ts bundles this file alone; the libraries
 * come in as parameters): the seed CNN trained at batch 32 by Tessera (the dist-browser bundle on
 * onnxruntime-web) and by TensorFlow.js 4.22, timed the same way as the Node rows (bench/models.ts).
 * Imports types only, so the page loads each library once.
 */
import type * as Tessera from '../src/api.js';
import type * as Tfjs from '@tensorflow/tfjs';

type Tsr = typeof Tessera;
type Tf = typeof Tfjs;

export interface BrowserRun {
  samplesPerSecond: number;
  steps: number;
  seconds: number;
}

/** Tessera's side: `fit` over 16 batches of random images, whole epochs for at least `seconds` after a warm-up epoch. */
export async function tesseraCnn(tsr: Tsr, batch: number, seconds: number): Promise<() => Promise<BrowserRun>> {
  tsr.setSeed(0);
  // The recipe's seedCnn (src/recipes/mnist-cnn.ts), built from the page's tsr: importing the
  // recipe would bundle a second copy of the library into this program.
  const model = tsr.sequential([
    tsr.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    tsr.layers.maxPooling2d({ poolSize: 2 }),
    tsr.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    tsr.layers.maxPooling2d({ poolSize: 2 }),
    tsr.layers.flatten(),
    tsr.layers.dense({ units: 64, activation: 'relu' }),
    tsr.layers.dense({ units: 10 }),
  ]);
  model.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });
  const n = batch * 16;
  const x = tsr.randomUniform([n, 28, 28, 1], { key: tsr.randomKey(1) });
  const y = tsr.randint([n], 0, 10, { key: tsr.randomKey(2) });
  await model.fit(x, y, { epochs: 1, batchSize: batch, verbose: 0 }); // compiles the step
  return async () => {
    let epochs = 0;
    const t0 = performance.now();
    while (epochs < 1 || performance.now() - t0 < seconds * 1000) {
      await model.fit(x, y, { epochs: 1, batchSize: batch, verbose: 0 });
      epochs++;
    }
    const s = (performance.now() - t0) / 1000;
    return { samplesPerSecond: (epochs * n) / s, steps: epochs * 16, seconds: s };
  };
}

/** The seed CNN as TensorFlow.js layers (also bench/tfjs-cnn.ts's reference model). */
export function tfjsSeedCnn(tf: Tf): Tfjs.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
}

/**
 * TensorFlow.js's side on `backend` ('webgl' or 'cpu'): trainOnBatch, as bench/tfjs-cnn.ts does in
 * Node; at least `minSteps` steps (its CPU backend takes seconds per step) and `seconds`.
 */
export async function tfjsCnn(tf: Tf, backend: string, batch: number, seconds: number, minSteps: number): Promise<() => Promise<BrowserRun>> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs: backend ${backend} is not available in this browser`);
  await tf.ready();
  const model = tfjsSeedCnn(tf);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: (yt: Tfjs.Tensor, yp: Tfjs.Tensor) => tf.losses.softmaxCrossEntropy(yt, yp) });
  const x = tf.randomUniform([batch, 28, 28, 1]);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32') as Tfjs.Tensor1D, 10);
  await model.trainOnBatch(x, y); // warm-up (shader compiles on webgl)
  return async () => {
    let steps = 0;
    const t0 = performance.now();
    while (steps < minSteps || performance.now() - t0 < seconds * 1000) {
      await model.trainOnBatch(x, y); // resolves with the loss's value: the step has run
      steps++;
    }
    const s = (performance.now() - t0) / 1000;
    return { samplesPerSecond: (steps * batch) / s, steps, seconds: s };
  };
}
