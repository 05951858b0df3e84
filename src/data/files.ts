/**
 * Scanning a "folder per class" layout (Keras' image_dataset_from_directory, Speech Commands, video
 * folders): `dir/<class>/<file>`. Shared by the image, audio, text and video loaders.
 * Node-only: node:fs is imported when called, so the browser bundle does not load it.
 */
import { TesseraError } from '../core/errors.js';
import { nodeFs } from '../io/node-fs.js';
import { fromData, type Tensor } from '../core/tensor.js';
import { Dataset } from './dataset.js';
import { hostRandom, randomPermutation } from './random.js';

export interface ListClassFoldersOptions {
  /** File extensions to keep, with or without the dot, matched case-insensitively: ['png', '.jpg']. */
  extensions: readonly string[];
  /**
   * Skips class folders with these names (e.g. Speech Commands' `_background_noise_`), or the
   * entries (folders and files, as `class/sub/file` paths with '/') for which the function is true.
   */
  exclude?: readonly string[] | ((relativePath: string) => boolean);
  /** Uses these classes, in this order, instead of every subfolder sorted by name. */
  classNames?: readonly string[];
}

export interface ClassFolderListing {
  /** The class folders' names, sorted (or as given in `classNames`); label i is classNames[i]. */
  classNames: string[];
  /** Paths (`dir` joined with `class/…/file`), sorted by class, then by path within the class. */
  files: string[];
  /** The class index of each file. */
  labels: Int32Array;
}

/** Code-point order: the same on every machine and locale (localeCompare is not). */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Lists `dir/<class>/…/<file>` (files in nested subfolders of a class count for that class, as in
 * Keras). Hidden entries (names starting with '.') are skipped. Throws a TesseraError naming the
 * folder when it is missing, holds no class folders, or no file matches the extensions.
 */
export async function listClassFolders(dir: string, options: ListClassFoldersOptions): Promise<ClassFolderListing> {
  const fs = await nodeFs('listClassFolders');
  const path = await import('node:path');
  const extensions = normalizeExtensions(options.extensions);
  const excluded = toPredicate(options.exclude);

  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'ENOTDIR' ? 'it is not a folder' : (e as Error).message;
    throw new TesseraError(`listClassFolders: cannot read the folder '${dir}': ${why}. Received: dir=${JSON.stringify(dir)}`);
  }
  const subfolders = entries
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !excluded(d.name))
    .map((d) => d.name)
    .sort(byCodePoint);

  let classNames: string[];
  if (options.classNames) {
    const missing = options.classNames.filter((c) => !subfolders.includes(c));
    if (missing.length) {
      throw new TesseraError(`listClassFolders: classes ${JSON.stringify(missing)} have no folder in '${dir}'. Received: classNames=${JSON.stringify(options.classNames)}, folders=${JSON.stringify(subfolders)}`);
    }
    classNames = [...options.classNames];
  } else {
    classNames = subfolders;
  }
  if (classNames.length === 0) {
    throw new TesseraError(`listClassFolders: '${dir}' has no class subfolders (expected dir/<class>/<file>). Received: ${entries.length} entries, none a folder`);
  }

  const files: string[] = [];
  const labels: number[] = [];
  for (let label = 0; label < classNames.length; label++) {
    const found: string[] = [];
    await walk(fs, path.join(dir, classNames[label]!), classNames[label]!, extensions, excluded, found);
    found.sort(byCodePoint);
    for (const rel of found) {
      files.push(path.join(dir, ...rel.split('/')));
      labels.push(label);
    }
  }
  if (files.length === 0) {
    throw new TesseraError(`listClassFolders: no file with extension ${extensions.join('/')} in the class folders of '${dir}'. Received: classes ${JSON.stringify(classNames)} with no matching file`);
  }
  return { classNames, files, labels: Int32Array.from(labels) };
}

async function walk(
  fs: typeof import('node:fs/promises'),
  absolute: string,
  relative: string,
  extensions: readonly string[],
  excluded: (relativePath: string) => boolean,
  out: string[],
): Promise<void> {
  const entries = await fs.readdir(absolute, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const rel = `${relative}/${e.name}`;
    if (excluded(rel)) continue;
    if (e.isDirectory()) {
      await walk(fs, `${absolute}/${e.name}`, rel, extensions, excluded, out);
    } else if (e.isFile() || e.isSymbolicLink()) {
      const lower = e.name.toLowerCase();
      if (extensions.some((x) => lower.endsWith(x))) out.push(rel);
    }
  }
}

function normalizeExtensions(extensions: readonly string[]): string[] {
  if (!Array.isArray(extensions) || extensions.length === 0 || extensions.some((x) => typeof x !== 'string' || x.replace(/^\./, '') === '')) {
    throw new TesseraError(`listClassFolders: extensions must be a non-empty list of extensions such as ['png', 'jpg']. Received: extensions=${JSON.stringify(extensions)}`);
  }
  return extensions.map((x) => `.${x.replace(/^\./, '').toLowerCase()}`);
}

function toPredicate(exclude: ListClassFoldersOptions['exclude']): (relativePath: string) => boolean {
  if (exclude === undefined) return () => false;
  if (typeof exclude === 'function') return exclude;
  const names = new Set(exclude);
  return (rel) => names.has(rel);
}

export interface LabelledDatasetOptions {
  /** How many files are decoded at once (map parallelism). Default 4. */
  parallelism?: number;
}

/** Files of a folder-per-class layout with their labels, decoded lazily by `dataset()`. */
export interface LabelledFiles<O extends LabelledDatasetOptions = LabelledDatasetOptions> extends ClassFolderListing {
  /** The held-out part when the loader was given `validationSplit` (then this object is the training part). */
  validation?: LabelledFiles<O>;
  /**
   * Elements `[decoded file, label]` (label: an int32 scalar tensor), in file order (shuffle it
   * yourself); each pass decodes again (add `.cache()` to keep the decoded files).
   */
  dataset(options?: O): Dataset<[Tensor, Tensor]>;
}

/** Decodes file number `index` of a listing; `epoch` counts the dataset's passes (for augmentation). */
export type DecodeLabelledFile<O> = (file: string, index: number, epoch: number, options: O) => Promise<Tensor>;

/** Wraps a listing and a decoder into LabelledFiles (the loaders' shared convention). */
export function labelledFiles<O extends LabelledDatasetOptions>(listing: ClassFolderListing, decode: DecodeLabelledFile<O>, what = 'dataset'): LabelledFiles<O> {
  const { classNames, files, labels } = listing;
  return {
    classNames,
    files,
    labels,
    dataset(options?: O): Dataset<[Tensor, Tensor]> {
      const opts = (options ?? {}) as O;
      const parallelism = opts.parallelism ?? 4;
      if (!Number.isInteger(parallelism) || parallelism < 1) {
        throw new TesseraError(`${what}: parallelism must be an integer ≥ 1. Received: parallelism=${parallelism}`);
      }
      // A source that knows its pass number, so that decoding (augmentation) can differ per epoch
      // while depending only on (epoch, index).
      const indices = new Dataset<[number, number]>(async function* (pass) {
        for (let i = 0; i < files.length; i++) yield [i, pass];
      }, files.length);
      return indices.map(async ([i, epoch]): Promise<[Tensor, Tensor]> => {
        const x = await decode(files[i]!, i, epoch, opts);
        return [x, fromData(Int32Array.of(labels[i]!), [], 'int32')];
      }, { parallelism });
    },
  };
}

/**
 * Splits a listing into [training, validation]: a seeded permutation holds out
 * round(n × validationSplit) files; each part keeps the sorted order.
 */
export function splitListing(listing: ClassFolderListing, validationSplit: number, seed: number, what = 'split'): [ClassFolderListing, ClassFolderListing] {
  if (!(validationSplit > 0 && validationSplit < 1)) {
    throw new TesseraError(`${what}: validationSplit must be in (0, 1). Received: validationSplit=${validationSplit}`);
  }
  if (!Number.isInteger(seed)) throw new TesseraError(`${what}: seed must be an integer. Received: seed=${seed}`);
  const n = listing.files.length;
  const nVal = Math.round(n * validationSplit);
  const perm = randomPermutation(n, hostRandom(seed));
  const held = new Uint8Array(n);
  for (let k = n - nVal; k < n; k++) held[perm[k]!] = 1;
  const part = (flag: number): ClassFolderListing => {
    const idx = [...Array(n).keys()].filter((i) => held[i] === flag);
    return { classNames: listing.classNames, files: idx.map((i) => listing.files[i]!), labels: Int32Array.from(idx, (i) => listing.labels[i]!) };
  };
  return [part(0), part(1)];
}

/**
 * Every file under `dir` (subfolders included) whose name ends with one of `extensions`, sorted by
 * path, as `dir/relative/path`. Throws a TesseraError naming the folder when it cannot be read.
 */
export async function listFiles(dir: string, extensions: readonly string[], who = 'listFiles'): Promise<string[]> {
  const fs = await nodeFs(who);
  let names: string[];
  try {
    names = await fs.readdir(dir, { recursive: true });
  } catch (e) {
    throw new TesseraError(`${who}: cannot read the folder '${dir}': ${(e as Error).message}`);
  }
  const ends = normalizeExtensions(extensions);
  return names.filter((n) => ends.some((x) => n.toLowerCase().endsWith(x))).sort(byCodePoint).map((n) => `${dir}/${n.replace(/\\/g, '/')}`);
}
