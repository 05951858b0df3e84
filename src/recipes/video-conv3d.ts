/**
 * video-conv3d: video classification on a folder per class — 16 frames sampled uniformly and scaled
 * to 64×64 by ffmpeg, then Conv3D 16 → MaxPool3D → Conv3D 32 → MaxPool3D → global average pooling →
 * Dense; and video-convlstm, the ConvLSTM2D variant (ConvLSTM2D 16 over the frames → pooling → Dense).
 * 20% of the videos are held out (seeded). Needs ffmpeg (apt-get install ffmpeg).
 */
import * as tsr from '../api.js';
import { compileClassifier } from './compile.js';
import type { Recipe, RecipeData, RecipeOptions, RecipeSplit, SavedRecipe } from './recipe.js';

type Batches = tsr.data.Dataset<readonly [tsr.Tensor, tsr.Tensor]>;
const FRAMES = 16;

async function loadVideos(options: RecipeOptions): Promise<RecipeData> {
  if (!options.data) throw new tsr.TesseraError('video-conv3d: pass --data <folder per class of videos>');
  const side = options.imageSize ?? 64;
  const videos = await tsr.data.video.loadVideoFolder(options.data, { numFrames: FRAMES, size: [side, side], validationSplit: 0.2, seed: options.seed });
  const limit = (n: number) => Math.min(n, options.limit ?? Infinity);
  const split = (files: tsr.data.LabelledFiles, shuffle: boolean): RecipeSplit => {
    let ds = files.dataset({ parallelism: 4 }).take(limit(files.files.length));
    if (shuffle) ds = ds.shuffle(256, { seed: options.seed });
    return { dataset: ds.batch(options.batchSize).prefetch(2) as Batches, size: limit(files.files.length) };
  };
  return {
    train: split(videos, true),
    test: split(videos.validation!, false),
    classNames: videos.classNames,
    description: `${options.data}: ${videos.files.length} training and ${videos.validation!.files.length} test videos of ${videos.classNames.length} classes, ${FRAMES} frames at ${side}×${side}`,
    metadata: { numFrames: FRAMES, imageSize: side },
  };
}

async function videoBatch(files: readonly string[], saved: SavedRecipe): Promise<tsr.Tensor> {
  const side = saved['imageSize'] as number;
  return tsr.stack(await Promise.all(files.map((f) => tsr.data.video.readVideoFrames(f, { numFrames: FRAMES, size: [side, side] }))));
}

const LAYOUT = 'a folder per class of videos (MP4, AVI, MKV, WebM, …; decoded by ffmpeg)';

export const videoConv3d: Recipe = {
  name: 'video-conv3d',
  description: 'Conv3D 16 → MaxPool3D → Conv3D 32 → MaxPool3D → pooling → Dense on 16×64×64×3 clips',
  dataLayout: LAYOUT,
  expected: 'well above chance on a few dozen videos per class',
  defaults: { epochs: 10, batchSize: 8 },
  load: loadVideos,
  predictInputs: videoBatch,
  scores: 'logits',
  build(data) {
    const side = (data.metadata as { imageSize: number }).imageSize;
    return compileClassifier(tsr.sequential([
      tsr.layers.conv3d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [FRAMES, side, side, 3] }),
      tsr.layers.maxPooling3d({ poolSize: 2 }),
      tsr.layers.conv3d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tsr.layers.maxPooling3d({ poolSize: 2 }),
      tsr.layers.globalAveragePooling3d(),
      tsr.layers.dense({ units: data.classNames!.length }),
    ], { name: 'video_conv3d' }));
  },
};

export const videoConvLstm: Recipe = {
  name: 'video-convlstm',
  description: 'ConvLSTM2D 16 over 16 frames of 64×64×3 → pooling → Dense',
  dataLayout: LAYOUT,
  expected: 'well above chance on a few dozen videos per class',
  defaults: { epochs: 10, batchSize: 8 },
  load: loadVideos,
  predictInputs: videoBatch,
  scores: 'logits',
  build(data) {
    const side = (data.metadata as { imageSize: number }).imageSize;
    return compileClassifier(tsr.sequential([
      tsr.layers.convLSTM2d({ filters: 16, kernelSize: 3, padding: 'same', inputShape: [FRAMES, side, side, 3] }),
      tsr.layers.globalAveragePooling2d(),
      tsr.layers.dense({ units: data.classNames!.length }),
    ], { name: 'video_convlstm' }));
  },
};
