/**
 * image-folder-cnn: a CNN on 224×224×3 images in a folder per class (decoded by sharp while
 * training runs, flipped at random), three strided convolutions → global average pooling → Dense.
 * 20% of the files are held out (seeded) as the test set.
 */
import * as tsr from '../api.js';
import { compileClassifier } from './compile.js';
import { imageBatch } from './inputs.js';
import type { Recipe, RecipeSplit } from './recipe.js';

type Batches = tsr.data.Dataset<readonly [tsr.Tensor, tsr.Tensor]>;

export const imageFolderCnn: Recipe = {
  name: 'image-folder-cnn',
  description: 'Conv 16/32/64 (stride 2) → global average pooling → Dense on 224×224×3 images',
  dataLayout: 'a folder per class of images (PNG, JPEG, WebP, …)',
  expected: 'well above chance after a few epochs on a few hundred images per class',
  defaults: { epochs: 10, batchSize: 16 },
  async load(options) {
    if (!options.data) throw new tsr.TesseraError('image-folder-cnn: pass --data <folder>');
    const side = options.imageSize ?? 224;
    const files = await tsr.data.image.loadImageFolder(options.data, { size: [side, side], channels: 3, validationSplit: 0.2, seed: options.seed });
    const flip = tsr.data.image.augment([tsr.data.image.randomFlip('horizontal')], { seed: options.seed });
    const size = (n: number) => Math.min(n, options.limit ?? Infinity);
    const train: RecipeSplit = {
      dataset: files.dataset({ augment: flip, parallelism: 8 }).take(size(files.files.length)).shuffle(1024, { seed: options.seed }).batch(options.batchSize).prefetch(2) as Batches,
      size: size(files.files.length),
    };
    const test: RecipeSplit = { dataset: files.validation!.dataset({ parallelism: 8 }).take(size(files.validation!.files.length)).batch(options.batchSize) as Batches, size: size(files.validation!.files.length) };
    return {
      train,
      test,
      classNames: files.classNames,
      description: `${options.data}: ${train.size} training and ${test.size} test images of ${files.classNames.length} classes, at ${side}×${side}`,
      metadata: { imageSize: side },
    };
  },
  predictInputs: (files, saved) => imageBatch(files, saved['imageSize'] as number, 3),
  scores: 'logits',
  build(data) {
    const side = (data.metadata as { imageSize: number }).imageSize;
    const model = tsr.sequential([
      tsr.layers.conv2d({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', inputShape: [side, side, 3] }),
      tsr.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
      tsr.layers.conv2d({ filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
      tsr.layers.globalAveragePooling2d(),
      tsr.layers.dense({ units: data.classNames!.length }),
    ], { name: 'image_folder_cnn' });
    return compileClassifier(model);
  },
};
