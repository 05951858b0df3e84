import { OpError, fmtShape } from '../../core/errors.js';
import { broadcastShapes, shapesEqual } from '../../core/shape.js';
import { tensor, toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { add } from '../elementwise/add.js';
import { toFloat } from '../elementwise/common.js';
import { mul } from '../elementwise/mul.js';
import { where } from '../elementwise/where.js';
import { matmul } from '../linalg/matmul.js';
import { softmax } from './softmax.js';

export interface AttentionOptions {
  /**
   * Broadcasts to the scores [..., Lq, Lk]. bool: true where a query may attend to a key
   * (Keras/PyTorch bool masks); float: added to the scores (0 to keep, large negative to drop).
   */
  mask?: TensorLike;
  /** Query i attends to keys j ≤ i only (aligned at the top left, as PyTorch's is_causal). */
  causal?: boolean;
  /** Multiplies q·kᵀ; default 1/sqrt(depth). */
  scale?: number;
}

/** The most negative finite value of the scores' dtype: masked scores get it, so their weight is exactly 0. */
function lowest(dtype: string): number {
  return dtype === 'float64' ? -Number.MAX_VALUE : -3.4028234663852886e38;
}

function causalMask(lq: number, lk: number): Tensor {
  const data = new Uint8Array(lq * lk);
  for (let i = 0; i < lq; i++) data.fill(1, i * lk, i * lk + Math.min(i + 1, lk));
  return tensor(data, [lq, lk], 'bool');
}

/**
 * softmax(q·kᵀ · scale + mask) · v over the key axis. q [..., Lq, d], k [..., Lk, d],
 * v [..., Lk, dv] → [..., Lq, dv]; leading (batch, head) axes broadcast. Masked keys are given the
 * dtype's lowest finite score rather than -inf, so a row with every key masked gets uniform
 * weights (as Keras) instead of NaN.
 */
export function scaledDotProductAttention(q: TensorLike, k: TensorLike, v: TensorLike, opts: AttentionOptions = {}): Tensor {
  const op = 'scaledDotProductAttention';
  const [qt, kt, vt] = [toFloat(q), toFloat(k), toFloat(v)];
  if (qt.rank < 2 || kt.rank < 2 || vt.rank < 2) {
    throw new OpError(op, `q, k and v need rank ≥ 2 ([..., length, depth]). Received: q ${fmtShape(qt.shape)}, k ${fmtShape(kt.shape)}, v ${fmtShape(vt.shape)}`);
  }
  const d = qt.shape[qt.rank - 1]!;
  const lq = qt.shape[qt.rank - 2]!;
  const lk = kt.shape[kt.rank - 2]!;
  if (kt.shape[kt.rank - 1] !== d || vt.shape[vt.rank - 2] !== lk) {
    throw new OpError(op, `expected q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv]. Received: q ${fmtShape(qt.shape)}, k ${fmtShape(kt.shape)}, v ${fmtShape(vt.shape)}`);
  }
  let batch: number[];
  try {
    batch = broadcastShapes(op, qt.shape.slice(0, -2), kt.shape.slice(0, -2));
    broadcastShapes(op, batch, vt.shape.slice(0, -2));
  } catch {
    throw new OpError(op, `the leading axes of q, k and v must broadcast. Received: q ${fmtShape(qt.shape)}, k ${fmtShape(kt.shape)}, v ${fmtShape(vt.shape)}`);
  }
  const { mask, causal = false, scale = 1 / Math.sqrt(d) } = opts;
  if (typeof scale !== 'number' || !Number.isFinite(scale)) {
    throw new OpError(op, `scale must be a finite number. Received: scale=${String(scale)}`);
  }
  let scores = mul(matmul(qt, kt, { transposeB: true }), scale);
  const scoreShape = [...batch, lq, lk];
  if (mask !== undefined && mask !== null) {
    const m = toTensor(mask, scores.dtype);
    let fits = false;
    try {
      fits = shapesEqual(broadcastShapes(op, m.shape, scoreShape), scoreShape);
    } catch {
      fits = false;
    }
    if (!fits) throw new OpError(op, `mask must broadcast to the scores' shape ${fmtShape(scoreShape)}. Received: mask ${fmtShape(m.shape)}`);
    if (m.dtype === 'bool') scores = where(m, scores, lowest(scores.dtype));
    else if (m.dtype === 'float32' || m.dtype === 'float64') scores = add(scores, m);
    else throw new OpError(op, `mask must be bool (true = attend) or float (added to the scores). Received: dtype=${m.dtype}`);
  }
  if (causal) scores = where(causalMask(lq, lk), scores, lowest(scores.dtype));
  return matmul(softmax(scores, -1), vt);
}
