/** MNIST-style data sets (MNIST, Fashion-MNIST) from the standard IDX files in a folder. */
import { TesseraError } from '../../core/errors.js';
import { Tensor, fromData } from '../../core/tensor.js';
import { exists, joinPath as join, nodeFs } from '../../io/node-fs.js';
import { readIdxFile } from './idx.js';

export interface MnistSplit {
  /** [n, 28, 28, 1] float32 in [0, 1]. */
  images: Tensor;
  /** [n] int32 class indices. */
  labels: Tensor;
}

async function find(dir: string, prefix: string, kind: 'images-idx3' | 'labels-idx1'): Promise<string> {
  const fs = await nodeFs('loadMnist');
  for (const sep of ['-', '.']) {
    for (const ext of ['-ubyte.gz', '-ubyte']) {
      const p = join(dir, `${prefix}-${kind.replace('-', sep)}${ext}`);
      if (await exists(fs, p)) return p;
    }
  }
  throw new TesseraError(`loadMnist: no ${prefix}-${kind}-ubyte[.gz] file in '${dir}'`);
}

/** Loads `train` (train-*) or `test` (t10k-*) from a folder of MNIST-format IDX files. */
export async function loadMnist(dir: string, split: 'train' | 'test' = 'train'): Promise<MnistSplit> {
  const prefix = split === 'train' ? 'train' : 't10k';
  const imagesPath = await find(dir, prefix, 'images-idx3');
  const labelsPath = await find(dir, prefix, 'labels-idx1');
  const images = await readIdxFile(imagesPath);
  const labels = await readIdxFile(labelsPath);
  if (images.shape.length !== 3 || !(images.data instanceof Uint8Array)) {
    throw new TesseraError(`loadMnist: '${imagesPath}' must hold uint8 images [n, rows, cols]. Received: rank ${images.shape.length}`);
  }
  if (labels.shape.length !== 1 || labels.shape[0] !== images.shape[0]) {
    throw new TesseraError(`loadMnist: '${labelsPath}' must hold one label per image (${images.shape[0]}). Received: shape [${labels.shape.join(',')}]`);
  }
  const [n, h, w] = images.shape as [number, number, number];
  const x = new Float32Array(images.data.length);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i]! / 255;
  const y = Int32Array.from(labels.data as Uint8Array);
  for (const v of y) if (v > 9) throw new TesseraError(`loadMnist: '${labelsPath}' holds a label outside 0..9. Received: ${v}`);
  return { images: fromData(x, [n, h, w, 1], 'float32'), labels: fromData(y, [n], 'int32') };
}
