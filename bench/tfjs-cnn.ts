/**
 * The seed MNIST CNN trained with TensorFlow.js 4.22's CPU backend (the reference the benchmarks
 * compare against): samples per second at a batch size, over a time budget.
 */
import { tfjsSeedCnn } from './browser-program.js';

export async function tfjsCnnSamplesPerSecond(batch: number, seconds: number): Promise<number> {

  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const model = tfjsSeedCnn(tf);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: (yt: import('@tensorflow/tfjs').Tensor, yp: import('@tensorflow/tfjs').Tensor) => tf.losses.softmaxCrossEntropy(yt, yp) });
  const x = tf.randomUniform([batch, 28, 28, 1]);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32'), 10);
  await model.trainOnBatch(x, y); // warm-up
  let steps = 0;
  const t0 = performance.now();
  // tfjs cpu is slow: at least 2 steps, up to the time budget.
  while (steps < 2 || performance.now() - t0 < seconds * 1000) {
    await model.trainOnBatch(x, y);
    steps++;
  }
  const elapsed = (performance.now() - t0) / 1000;
  const sps = (steps * batch) / elapsed;
  console.log(`tfjs 4.22 cpu:     ${steps} steps of ${batch} in ${elapsed.toFixed(1)} s → ${sps.toFixed(1)} samples/s`);
  return sps;
}

