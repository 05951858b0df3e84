/**
 * speech-conv1d: keyword spotting on the Speech Commands layout — 40-band log-mel spectrograms of
 * 1-second clips (computed by tensor ops in the data pipeline) → Conv1D 64 → MaxPool → Conv1D 128 →
 * global average pooling → Dense over the words. Splits follow validation_list.txt/testing_list.txt.
 */
import * as tsr from '../api.js';
import { compileClassifier } from './compile.js';
import { FRAMES, MEL_BINS, SAMPLE_RATE, logMel } from './audio-features.js';
import type { Recipe, RecipeSplit } from './recipe.js';

type Batches = tsr.data.Dataset<readonly [tsr.Tensor, tsr.Tensor]>;

export const speechConv1d: Recipe = {
  name: 'speech-conv1d',
  description: 'log-mel 40 → Conv1D 64 → MaxPool → Conv1D 128 → pooling → Dense keyword spotter',
  dataLayout: 'Speech Commands: a folder per word of 1 s WAVs, validation_list.txt, testing_list.txt',
  expected: '94.4% on 10 words spoken by espeak-ng, test voice unseen in training (chance 10%)',
  defaults: { epochs: 15, batchSize: 32 },
  async load(options) {
    if (!options.data) throw new tsr.TesseraError('speech-conv1d: pass --data <speech commands folder>');
    const speech = await tsr.data.audio.loadSpeechCommands(options.data, { sampleRate: SAMPLE_RATE });
    const limit = (n: number) => Math.min(n, options.limit ?? Infinity);
    const split = (files: tsr.data.LabelledFiles, shuffle: boolean): RecipeSplit => {
      let ds = files.dataset({ parallelism: 8 }).take(limit(files.files.length)).map(([wave, label]) => [logMel(wave), label] as const);
      if (shuffle) ds = ds.shuffle(2048, { seed: options.seed });
      return { dataset: ds.batch(options.batchSize).prefetch(2) as Batches, size: limit(files.files.length) };
    };
    if (speech.test.files.length === 0) throw new tsr.TesseraError(`speech-conv1d: '${options.data}' has no testing_list.txt entries; the test split would be empty`);
    return {
      train: split(speech.train, true),
      ...(speech.validation.files.length > 0 ? { validation: split(speech.validation, false) } : {}),
      test: split(speech.test, false),
      classNames: speech.classNames,
      description: `Speech Commands from ${options.data}: ${speech.train.files.length} training, ${speech.validation.files.length} validation, ${speech.test.files.length} test clips of ${speech.classNames.length} words`,
      async sampleAudio(count) {
        const shown = speech.validation.files.length > 0 ? speech.validation : speech.test;
        const waves: tsr.Tensor[] = [];
        for await (const [wave] of shown.dataset().take(count)) waves.push(wave);
        return { waveforms: tsr.stack(waves), sampleRate: SAMPLE_RATE };
      },
    };
  },
  async predictInputs(files) {
    const waves = await Promise.all(files.map(async (f) => tsr.tensor(tsr.data.audio.padOrTrim(await tsr.data.audio.loadWaveform(f, SAMPLE_RATE), SAMPLE_RATE))));
    return logMel(tsr.stack(waves));
  },
  scores: 'logits',
  build(data) {
    const model = tsr.sequential([
      tsr.layers.conv1d({ filters: 64, kernelSize: 3, activation: 'relu', inputShape: [FRAMES, MEL_BINS] }),
      tsr.layers.maxPooling1d({ poolSize: 2 }),
      tsr.layers.conv1d({ filters: 128, kernelSize: 3, activation: 'relu' }),
      tsr.layers.globalAveragePooling1d(),
      tsr.layers.dense({ units: data.classNames!.length }),
    ], { name: 'speech_conv1d' });
    return compileClassifier(model);
  },
};
