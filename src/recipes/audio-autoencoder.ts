/**
 * audio-autoencoder: a convolutional autoencoder on log-mel spectrograms of WAV clips — Conv1D 64
 * and 32 with stride 2 down to a 25-step code, Conv1DTranspose back up to the 40 mel bands —
 * trained to reconstruct its input (mean squared error). 10% of the clips are the test set.
 */
import * as tsr from '../api.js';
import { MEL_BINS, SAMPLE_RATE, logMel } from './audio-features.js';
import type { Recipe } from './recipe.js';
import { splitRows } from './split.js';

const STEPS = 100; // frames kept: divisible by the two stride-2 stages

async function wavFiles(dir: string): Promise<string[]> {
  const files = await tsr.data.listFiles(dir, ['wav'], 'audio-autoencoder');
  if (files.length < 2) throw new tsr.TesseraError(`audio-autoencoder: '${dir}' needs at least 2 .wav files. Received: ${files.length}`);
  return files;
}

export const audioAutoencoder: Recipe = {
  name: 'audio-autoencoder',
  description: 'Conv1D autoencoder reconstructing 40-band log-mel spectrograms of 1 s clips',
  dataLayout: 'a folder of .wav files (subfolders allowed)',
  expected: 'test reconstruction error 1.1% of the spectrogram variance (espeak-ng words)',
  defaults: { epochs: 20, batchSize: 16 },
  async load(options) {
    if (!options.data) throw new tsr.TesseraError('audio-autoencoder: pass --data <folder of wav files>');
    const files = (await wavFiles(options.data)).slice(0, options.limit);
    const features = await Promise.all(files.map(async (f) => {
      const wave = tsr.data.audio.padOrTrim(await tsr.data.audio.loadWaveform(f, SAMPLE_RATE), SAMPLE_RATE);
      return tsr.slice(logMel(tsr.tensor(wave)), [0, 0], [STEPS, -1]);
    }));
    // A fixed affine map (log power spans about -14..5 here) keeps the loss O(1).
    const x = tsr.div(tsr.add(tsr.stack(features), 5), 5);
    const [[train], [test]] = splitRows([x], 0.1, options.seed);
    return {
      train: { x: train!, y: train! },
      test: { x: test!, y: test! },
      description: `${options.data}: ${files.length} clips → log-mel [${STEPS}, ${MEL_BINS}]`,
    };
  },
  build() {
    const model = tsr.sequential([
      tsr.layers.conv1d({ filters: 64, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu', inputShape: [STEPS, MEL_BINS] }),
      tsr.layers.conv1d({ filters: 32, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' }),
      tsr.layers.conv1dTranspose({ filters: 64, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' }),
      tsr.layers.conv1dTranspose({ filters: MEL_BINS, kernelSize: 5, strides: 2, padding: 'same' }),
    ], { name: 'audio_autoencoder' });
    model.compile({ optimizer: tsr.optimizers.adam({ learningRate: 1e-3 }), loss: 'meanSquaredError' });
    return model;
  },
  /** The yardstick for the loss: the error of predicting every value as the test set's mean (its variance), and the ratio. */
  async testMetrics(model, data) {
    const x = (data.test as { x: tsr.Tensor }).x;
    const variance = tsr.mean(tsr.square(tsr.sub(x, tsr.mean(x)))).item();
    const mse = tsr.mean(tsr.square(tsr.sub((await model.predict(x)) as tsr.Tensor, x))).item();
    return { variance, relative_error: mse / variance };
  },
};
