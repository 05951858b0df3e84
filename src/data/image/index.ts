/** tsr.data.image: decoding, transforms, seeded augmentation and the image-folder loader. */
export { decodeImage, type DecodeImageOptions, type ImageChannels, type ImageDtype } from './decode.js';
export { decodeImageBrowser } from './decode-browser.js';
export {
  resizeImage, crop, centerCrop, flipImage, toChannelsFirst, toChannelsLast, rgbToBgr, rgbToGrayscale, grayscaleToRgb,
  normalizeImage, LUMA_WEIGHTS, type ResizeImageOptions, type ResizeMethod, type FlipDirection, type NormalizeImageOptions,
} from './transforms.js';
export { rotateImage, type RotateImageOptions } from './rotate.js';
export { adjustBrightness, adjustContrast, adjustSaturation, adjustHue, rgbToHsv, hsvToRgb, type ColorOptions } from './color.js';
export {
  augment, randomCrop, randomFlip, randomRotation, colorJitter,
  type Augmentation, type Augmenter, type AugmentOptions, type RandomCropOptions, type RandomFlipOptions, type RandomRotationOptions, type ColorJitterOptions,
} from './augment.js';
export { loadImageFolder, IMAGE_EXTENSIONS, type ImageFolderOptions, type ImageDatasetOptions } from './folder.js';
