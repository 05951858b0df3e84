/**
 * The image-folder loader (Keras' image_dataset_from_directory): `dir/<class>/<image>`, classes
 * sorted by name, images decoded lazily by the dataset. Node-only (decodes with sharp).
 */
import { TesseraError } from '../../core/errors.js';
import { labelledFiles, listClassFolders, splitListing, type LabelledDatasetOptions, type LabelledFiles } from '../files.js';
import type { Augmenter } from './augment.js';
import { decodeImage, type DecodeImageOptions } from './decode.js';

/** The extensions sharp decodes. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'tif', 'tiff', 'avif'] as const;

export interface ImageFolderOptions extends DecodeImageOptions {
  /** Holds out this fraction of the files as `.validation` (seeded). */
  validationSplit?: number;
  /** Seed of the validation split. Default 0. */
  seed?: number;
  /** File extensions to read. Default IMAGE_EXTENSIONS. */
  extensions?: readonly string[];
  /** Uses these classes, in this order, instead of every subfolder. */
  classNames?: readonly string[];
}

export interface ImageDatasetOptions extends LabelledDatasetOptions {
  /** Applied to each decoded image with its file index and the epoch (see `augment`). */
  augment?: Augmenter;
}

/**
 * Lists `dir/<class>/<image>` and returns its files and labels; `dataset()` yields
 * `[image [h, w, channels], label]`, decoding (and resizing to `size`, which batching needs when
 * images differ in size) as it goes.
 */
export async function loadImageFolder(dir: string, options: ImageFolderOptions = {}): Promise<LabelledFiles<ImageDatasetOptions>> {
  const { validationSplit, seed, extensions, classNames, ...decodeOptions } = options;
  const listing = await listClassFolders(dir, { extensions: extensions ?? IMAGE_EXTENSIONS, classNames });
  const decode = async (file: string, index: number, epoch: number, opts: ImageDatasetOptions) => {
    const image = await decodeImage(file, decodeOptions);
    if (opts.augment === undefined) return image;
    if (typeof opts.augment !== 'function') {
      throw new TesseraError(`loadImageFolder: dataset({augment}) takes the function made by augment([...], {seed}). Received: ${typeof opts.augment}`);
    }
    return opts.augment(image, index, epoch);
  };
  if (validationSplit === undefined) return labelledFiles(listing, decode, 'loadImageFolder');
  const [train, validation] = splitListing(listing, validationSplit, seed ?? 0, 'loadImageFolder');
  return { ...labelledFiles(train, decode, 'loadImageFolder'), validation: labelledFiles(validation, decode, 'loadImageFolder') };
}
