/** The video-folder loader: `dir/<class>/<video>`, frames read lazily by the dataset. Node-only. */
import { labelledFiles, listClassFolders, splitListing, type LabelledDatasetOptions, type LabelledFiles } from '../files.js';
import { readVideoFrames, type ReadVideoFramesOptions } from './frames.js';

/** Containers ffmpeg reads that video data sets use. */
export const VIDEO_EXTENSIONS = ['mp4', 'avi', 'mkv', 'mov', 'webm', 'm4v', 'mpg', 'mpeg'] as const;

export interface VideoFolderOptions extends ReadVideoFramesOptions {
  /** Holds out this fraction of the files as `.validation` (seeded). */
  validationSplit?: number;
  /** Seed of the validation split. Default 0. */
  seed?: number;
  /** File extensions to read. Default VIDEO_EXTENSIONS. */
  extensions?: readonly string[];
  /** Uses these classes, in this order, instead of every subfolder. */
  classNames?: readonly string[];
}

/**
 * Lists `dir/<class>/<video>`; `dataset()` yields `[frames [numFrames, h, w, 3], label]`, one
 * ffmpeg process per video (its `parallelism` option runs that many at once; default 4).
 * Give `numFrames` and `size` so that videos batch together.
 */
export async function loadVideoFolder(dir: string, options: VideoFolderOptions = {}): Promise<LabelledFiles<LabelledDatasetOptions>> {
  const { validationSplit, seed, extensions, classNames, ...frameOptions } = options;
  const listing = await listClassFolders(dir, { extensions: extensions ?? VIDEO_EXTENSIONS, classNames });
  const decode = (file: string) => readVideoFrames(file, frameOptions);
  if (validationSplit === undefined) return labelledFiles(listing, decode, 'loadVideoFolder');
  const [train, validation] = splitListing(listing, validationSplit, seed ?? 0, 'loadVideoFolder');
  return { ...labelledFiles(train, decode, 'loadVideoFolder'), validation: labelledFiles(validation, decode, 'loadVideoFolder') };
}
