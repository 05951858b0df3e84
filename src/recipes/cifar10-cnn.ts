/**
 * cifar10-cnn: the CIFAR-10 CNN on the binary distribution — Conv32 3×3 → MaxPool → Flatten →
 * Dense10 — and cifar10-cnn-deep, the Keras example's two conv blocks (32, 32, pool, 64, 64, pool)
 * with dropout and Dense 512.
 */
import * as tsr from '../api.js';
import { compileClassifier } from './compile.js';
import type { Recipe, RecipeData, RecipeOptions } from './recipe.js';
import { firstRows } from './split.js';
import { imageBatch } from './inputs.js';

async function loadCifar(options: RecipeOptions): Promise<RecipeData> {
  if (!options.data) throw new tsr.TesseraError('cifar10-cnn: pass --data <cifar-10-batches-bin folder>');
  const train = await tsr.data.loadCifar10(options.data, 'train');
  const test = await tsr.data.loadCifar10(options.data, 'test');
  const x = firstRows(train.images, options.limit);
  const xt = firstRows(test.images, options.limit);
  return {
    train: { x, y: firstRows(train.labels, options.limit) },
    test: { x: xt, y: firstRows(test.labels, options.limit) },
    classNames: train.classNames,
    description: `CIFAR-10 from ${options.data}: ${x.shape[0]} training and ${xt.shape[0]} test images`,
  };
}

const LAYOUT = 'the extracted CIFAR-10 binary version: cifar-10-batches-bin/data_batch_1..5.bin, test_batch.bin';

export const cifar10Cnn: Recipe = {
  name: 'cifar10-cnn',
  description: 'Conv32 3×3 → MaxPool → Flatten → Dense10 on 32×32×3 images',
  dataLayout: LAYOUT,
  expected: 'not measured yet on the real data set (not on this machine); trained end to end on generated files in the tests',
  defaults: { epochs: 10, batchSize: 64 },
  load: loadCifar,
  predictInputs: (files) => imageBatch(files, 32, 3),
  scores: 'logits',
  build: () => compileClassifier(tsr.sequential([
    tsr.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [32, 32, 3] }),
    tsr.layers.maxPooling2d({ poolSize: 2 }),
    tsr.layers.flatten(),
    tsr.layers.dense({ units: 10 }),
  ], { name: 'cifar10_cnn' })),
};

export const cifar10CnnDeep: Recipe = {
  name: 'cifar10-cnn-deep',
  description: '(Conv32, Conv32, MaxPool, Dropout) → (Conv64, Conv64, MaxPool, Dropout) → Dense512 → Dense10',
  dataLayout: LAYOUT,
  expected: 'not measured yet on the real data set (not on this machine); trained end to end on generated files in the tests',
  defaults: { epochs: 25, batchSize: 64 },
  load: loadCifar,
  predictInputs: (files) => imageBatch(files, 32, 3),
  scores: 'logits',
  build: () => compileClassifier(tsr.sequential([
    tsr.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [32, 32, 3] }),
    tsr.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
    tsr.layers.maxPooling2d({ poolSize: 2 }),
    tsr.layers.dropout({ rate: 0.25 }),
    tsr.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
    tsr.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    tsr.layers.maxPooling2d({ poolSize: 2 }),
    tsr.layers.dropout({ rate: 0.25 }),
    tsr.layers.flatten(),
    tsr.layers.dense({ units: 512, activation: 'relu' }),
    tsr.layers.dropout({ rate: 0.5 }),
    tsr.layers.dense({ units: 10 }),
  ], { name: 'cifar10_cnn_deep' })),
};
