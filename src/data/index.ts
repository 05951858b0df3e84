/**
 * `tsr.data`: the dataset pipeline, decoders and loaders for each medium, and the standard data
 * sets' file formats. Modules here import Node-only things (node:fs, sharp, ffmpeg) lazily, inside
 * the functions that need them, so the browser bundle can carry the rest.
 */
export { Dataset, fromArrays, fromGenerator, fromTensors, zip, type BatchOptions, type MapOptions, type ShuffleOptions } from './dataset.js';
export { collate, type Batched, type Element, type ElementLeaf } from './collate.js';
export { hostRandom, mixSeed, randomPermutation } from './random.js';
export { parseIdx, readIdxFile, type IdxArray } from './datasets/idx.js';
export { loadMnist, type MnistSplit } from './datasets/mnist.js';
export { cifarTensors, loadCifar10, loadCifar100, parseCifarBinary, type CifarRecords, type CifarSplit } from './datasets/cifar.js';
export { encodeRows, isMissing, loadCsv, parseCsv, type ColumnSchema, type ColumnType, type LoadCsvOptions, type TabularData, type TabularSchema } from './tabular/csv.js';
export { loadRatings, parseRatings, type Ratings, type RatingsFormat } from './tabular/ratings.js';
export { labelledFiles, listClassFolders, listFiles, splitListing, type ClassFolderListing, type LabelledFiles, type LabelledDatasetOptions, type ListClassFoldersOptions } from './files.js';
export * as image from './image/index.js';
export * as video from './video/index.js';
export * as text from './text/index.js';
export * as audio from './audio/index.js';
