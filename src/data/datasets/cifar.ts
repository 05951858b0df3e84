/**
 * CIFAR-10 and CIFAR-100 from their binary distributions (cifar-10-binary.tar.gz /
 * cifar-100-binary.tar.gz, extracted). Each record is the label byte(s) followed by 3,072 pixel
 * bytes: the 1,024 red values of the 32×32 image row by row, then green, then blue. Parsed by hand:
 * the format is a fixed record layout and no maintained npm library reads it.
 */
import { TesseraError } from '../../core/errors.js';
import { Tensor, fromData } from '../../core/tensor.js';
import { exists, joinPath as join, nodeFs, readFileBytes } from '../../io/node-fs.js';

const SIDE = 32;
const PIXELS = SIDE * SIDE * 3;

export interface CifarSplit {
  /** [n, 32, 32, 3] float32 in [0, 1], channels last (RGB). */
  images: Tensor;
  /** [n] int32 class indices. */
  labels: Tensor;
  classNames: string[];
}

export interface CifarRecords {
  /** [n, 32, 32, 3] bytes, channels last. */
  pixels: Uint8Array;
  labels: Int32Array;
}

/**
 * Parses the records of one CIFAR binary file: `labelBytes` is 1 for CIFAR-10 and 2 for CIFAR-100
 * (coarse then fine); `labelIndex` picks which label byte to keep.
 */
export function parseCifarBinary(bytes: Uint8Array, options: { labelBytes: 1 | 2; labelIndex?: 0 | 1; numClasses: number; source?: string }): CifarRecords {
  const source = options.source ?? 'CIFAR data';
  const recordSize = options.labelBytes + PIXELS;
  if (bytes.length === 0 || bytes.length % recordSize !== 0) {
    throw new TesseraError(`parseCifarBinary: ${source} is not a CIFAR binary file: its size must be a positive multiple of the ${recordSize}-byte record (${options.labelBytes} label byte${options.labelBytes > 1 ? 's' : ''} + 3072 pixels). Received: ${bytes.length} bytes`);
  }
  const n = bytes.length / recordSize;
  const pixels = new Uint8Array(n * PIXELS);
  const labels = new Int32Array(n);
  const plane = SIDE * SIDE;
  for (let r = 0; r < n; r++) {
    const base = r * recordSize;
    const label = bytes[base + (options.labelIndex ?? 0)]!;
    if (label >= options.numClasses) {
      throw new TesseraError(`parseCifarBinary: ${source} record ${r} has label ${label}, outside 0..${options.numClasses - 1}. Received: ${label}`);
    }
    labels[r] = label;
    const src = base + options.labelBytes;
    const dst = r * PIXELS;
    // Planar RGB (CHW) to interleaved HWC, the layout Tessera's conv layers take.
    for (let p = 0; p < plane; p++) {
      pixels[dst + 3 * p] = bytes[src + p]!;
      pixels[dst + 3 * p + 1] = bytes[src + plane + p]!;
      pixels[dst + 3 * p + 2] = bytes[src + 2 * plane + p]!;
    }
  }
  return { pixels, labels };
}

/** [n, 32, 32, 3] float32 images in [0, 1] and int32 labels from parsed records. */
export function cifarTensors(records: CifarRecords): { images: Tensor; labels: Tensor } {
  const n = records.labels.length;
  const x = new Float32Array(records.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = records.pixels[i]! / 255;
  return { images: fromData(x, [n, SIDE, SIDE, 3], 'float32'), labels: fromData(records.labels, [n], 'int32') };
}

/** Class names from a one-name-per-line file, when present, else the given defaults. */
async function readNames(path: string, fallback: string[], what: string): Promise<string[]> {
  if (!(await exists(await nodeFs(what), path))) return fallback;
  const names = new TextDecoder().decode(await readFileBytes(what, path)).split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length !== fallback.length) {
    throw new TesseraError(`${what}: '${path}' must list ${fallback.length} class names. Received: ${names.length}`);
  }
  return names;
}

/** The folder that holds the files: `dir` itself or its standard extracted subfolder. */
async function resolveDir(dir: string, sub: string, probe: string, what: string, expected: string): Promise<string> {
  const fs = await nodeFs(what);
  for (const d of [dir, join(dir, sub)]) if (await exists(fs, join(d, probe))) return d;
  throw new TesseraError(`${what}: no ${expected} in '${dir}' (or '${join(dir, sub)}'). Extract the binary version of the data set there`);
}

async function loadSplit(files: string[], parse: (bytes: Uint8Array, source: string) => CifarRecords): Promise<CifarRecords> {
  const parts: CifarRecords[] = [];
  for (const f of files) parts.push(parse(await readFileBytes('loadCifar', f), `'${f}'`));
  const n = parts.reduce((a, p) => a + p.labels.length, 0);
  const pixels = new Uint8Array(n * PIXELS);
  const labels = new Int32Array(n);
  let k = 0;
  for (const p of parts) {
    pixels.set(p.pixels, k * PIXELS);
    labels.set(p.labels, k);
    k += p.labels.length;
  }
  return { pixels, labels };
}

const CIFAR10_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/**
 * CIFAR-10 from the extracted `cifar-10-batches-bin` folder (or its parent): `train` is
 * data_batch_1..5.bin (those present, at least one), `test` is test_batch.bin.
 */
export async function loadCifar10(dir: string, split: 'train' | 'test' = 'train'): Promise<CifarSplit> {
  const what = 'loadCifar10';
  const probe = split === 'train' ? 'data_batch_1.bin' : 'test_batch.bin';
  const root = await resolveDir(dir, 'cifar-10-batches-bin', probe, what, `'${probe}'`);
  const fs = await nodeFs(what);
  const batches = [1, 2, 3, 4, 5].map((i) => join(root, `data_batch_${i}.bin`));
  const present = await Promise.all(batches.map((f) => exists(fs, f)));
  const files = split === 'train' ? batches.filter((_, i) => present[i]) : [join(root, 'test_batch.bin')];
  const records = await loadSplit(files, (bytes, source) => parseCifarBinary(bytes, { labelBytes: 1, numClasses: 10, source }));
  const classNames = await readNames(join(root, 'batches.meta.txt'), CIFAR10_NAMES, what);
  return { ...cifarTensors(records), classNames };
}

/**
 * CIFAR-100 from the extracted `cifar-100-binary` folder (or its parent): `train.bin` / `test.bin`,
 * with the 100 fine labels (default) or the 20 coarse superclasses.
 */
export async function loadCifar100(dir: string, split: 'train' | 'test' = 'train', options: { labelMode?: 'fine' | 'coarse' } = {}): Promise<CifarSplit> {
  const what = 'loadCifar100';
  const file = `${split}.bin`;
  const root = await resolveDir(dir, 'cifar-100-binary', file, what, `'${file}'`);
  const fine = (options.labelMode ?? 'fine') === 'fine';
  const numClasses = fine ? 100 : 20;
  const records = await loadSplit([join(root, file)], (bytes, source) => parseCifarBinary(bytes, { labelBytes: 2, labelIndex: fine ? 1 : 0, numClasses, source }));
  const defaults = Array.from({ length: numClasses }, (_, i) => `class_${i}`);
  const classNames = await readNames(join(root, fine ? 'fine_label_names.txt' : 'coarse_label_names.txt'), defaults, what);
  return { ...cifarTensors(records), classNames };
}
