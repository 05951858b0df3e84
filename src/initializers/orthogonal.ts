import type { DType } from '../core/dtype.js';
import { TesseraError } from '../core/errors.js';
import type { Shape } from '../core/shape.js';
import { tensor, type Tensor } from '../core/tensor.js';
import type { Config } from '../io/serialization.js';
import { randomNormal } from '../ops/random/random-normal.js';
import { cast } from '../ops/elementwise/cast.js';
import { SeededInitializer, registerInitializer } from './initializer.js';

/**
 * A (semi-)orthogonal matrix, as Keras's Orthogonal: the Q of a QR decomposition of a normal
 * matrix [prod(shape[:-1]), shape[-1]], signs fixed by R's diagonal, times `gain`. Computed on
 * the host (Householder-free modified Gram-Schmidt in float64) since it runs once, at build time,
 * and no op computes a QR.
 */
export class Orthogonal extends SeededInitializer {
  readonly className = 'Orthogonal';
  readonly gain: number;
  constructor({ gain = 1, seed }: { gain?: number; seed?: number | null } = {}) {
    super(seed);
    this.gain = gain;
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    if (shape.length < 2) throw new TesseraError(`orthogonal initializer: the shape must have rank ≥ 2. Received: shape=[${shape.join(',')}]`);
    const cols = shape[shape.length - 1]!;
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    // QR of the taller orientation, transposed back when rows < cols (so rows or columns are orthonormal).
    const tall = rows >= cols;
    const [m, n] = tall ? [rows, cols] : [cols, rows];
    const a = Float64Array.from(randomNormal([m, n], { key: this.key() }).dataSync() as Float32Array);
    const q = gramSchmidt(a, m, n);
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const v = this.gain * q[i * n + j]!;
        if (tall) out[i * cols + j] = v;
        else out[j * cols + i] = v;
      }
    }
    const t = tensor(Float32Array.from(out), shape as number[]);
    return dtype === 'float32' ? t : cast(t, dtype);
  }
  override getConfig(): Config {
    return { gain: this.gain, ...super.getConfig() };
  }
}

/** Orthonormal columns of a [m, n] row-major matrix (m ≥ n), signs as QR with R's diagonal ≥ 0. */
function gramSchmidt(a: Float64Array, m: number, n: number): Float64Array {
  const q = a.slice();
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += q[i * n + k]! * q[i * n + j]!;
      for (let i = 0; i < m; i++) q[i * n + j]! -= dot * q[i * n + k]!;
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += q[i * n + j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < m; i++) q[i * n + j]! /= norm;
  }
  return q;
}

registerInitializer('Orthogonal', [], (c) => new Orthogonal(c as { gain?: number; seed?: number | null }));
