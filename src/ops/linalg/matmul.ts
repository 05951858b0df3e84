import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp } from '../../core/op.js';
import { broadcastShapes, sizeOf, stridesOf } from '../../core/shape.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { gemm } from '../../backends/reference/gemm.js';
import { binaryOperands } from '../define.js';
import { sumToShape } from '../reduce/sum-to-shape.js';

export interface MatmulAttrs {
  [key: string]: boolean;
  transposeA: boolean;
  transposeB: boolean;
}

function dims(shape: readonly number[], transposed: boolean): [number, number] {
  const r = shape.length;
  return transposed ? [shape[r - 1]!, shape[r - 2]!] : [shape[r - 2]!, shape[r - 1]!];
}

/** Batched matrix product over the last two axes; leading (batch) axes broadcast. */
export const matmulOp = defineOp<MatmulAttrs>({
  name: 'matmul',
  infer: ([a, b], { transposeA, transposeB }) => {
    if (a!.shape.length < 2 || b!.shape.length < 2) {
      throw new OpError('matmul', `both inputs need rank ≥ 2 (use expandDims for vectors). Received: ${fmtShape(a!.shape)} and ${fmtShape(b!.shape)}`);
    }
    if (a!.dtype !== b!.dtype) throw new OpError('matmul', `inputs must have the same dtype. Received: ${a!.dtype} and ${b!.dtype}`);
    // ONNX MatMul has no bool kernel: caught here rather than when a backend compiles the graph.
    if (a!.dtype === 'bool') throw new OpError('matmul', 'inputs must be numeric; cast booleans first. Received: dtype=bool');
    const [m, k1] = dims(a!.shape, transposeA);
    const [k2, n] = dims(b!.shape, transposeB);
    if (k1 !== k2) {
      throw new OpError('matmul', `cannot multiply ${fmtShape(a!.shape)}${transposeA ? 'ᵀ' : ''} by ${fmtShape(b!.shape)}${transposeB ? 'ᵀ' : ''}: inner dimensions differ. Received: ${k1} and ${k2}`);
    }
    const batch = broadcastShapes('matmul', a!.shape.slice(0, -2), b!.shape.slice(0, -2));
    return { shape: [...batch, m, n], dtype: a!.dtype };
  },
  kernel: ([a, b], { transposeA, transposeB }, out) => {
    const [m, k] = dims(a!.shape, transposeA);
    const n = out.shape[out.shape.length - 1]!;
    const batchShape = out.shape.slice(0, -2);
    const batches = sizeOf(batchShape);
    const c = allocate(out.dtype, sizeOf(out.shape));
    const aBatch = a!.shape.slice(0, -2);
    const bBatch = b!.shape.slice(0, -2);
    const aStrides = stridesOf(aBatch);
    const bStrides = stridesOf(bBatch);
    const aMat = a!.shape[a!.shape.length - 2]! * a!.shape[a!.shape.length - 1]!;
    const bMat = b!.shape[b!.shape.length - 2]! * b!.shape[b!.shape.length - 1]!;
    const aCols = a!.shape[a!.shape.length - 1]!;
    const bCols = b!.shape[b!.shape.length - 1]!;
    const outStrides = stridesOf(batchShape);
    for (let bi = 0; bi < batches; bi++) {
      // Map the output batch index onto each input's (broadcast) batch index.
      let ai = 0;
      let bj = 0;
      let rem = bi;
      for (let ax = 0; ax < batchShape.length; ax++) {
        const idx = Math.floor(rem / outStrides[ax]!);
        rem -= idx * outStrides[ax]!;
        const aAx = ax - (batchShape.length - aBatch.length);
        const bAx = ax - (batchShape.length - bBatch.length);
        if (aAx >= 0 && aBatch[aAx] !== 1) ai += idx * aStrides[aAx]!;
        if (bAx >= 0 && bBatch[bAx] !== 1) bj += idx * bStrides[bAx]!;
      }
      gemm({
        m, n, k,
        a: a!.data, aOffset: ai * aMat, aRowStride: transposeA ? 1 : aCols, aColStride: transposeA ? aCols : 1,
        b: b!.data, bOffset: bj * bMat, bRowStride: transposeB ? 1 : bCols, bColStride: transposeB ? bCols : 1,
        c, cOffset: bi * m * n,
      });
    }
    return c;
  },
  cost: ([a], { transposeA }) => dims(a!.shape, transposeA)[1],
  vjp: (g, [a, b], _y, { transposeA: tA, transposeB: tB }) => {
    const da = tA ? matmul(b!, g, { transposeA: tB, transposeB: true }) : matmul(g, b!, { transposeB: !tB });
    const db = tB ? matmul(g, a!, { transposeA: true, transposeB: tA }) : matmul(a!, g, { transposeA: !tA });
    return [sumToShape(da, a!.shape), sumToShape(db, b!.shape)];
  },
  // ONNX Runtime's optimizer fuses these Transposes into its MatMul kernel (no copy is made).
  onnx: (ctx, [a, b], { transposeA, transposeB }, [am, bm]) => {
    const swapLast = (name: string, rank: number): string =>
      ctx.node('Transpose', [name], { perm: [...Array(rank - 2).keys(), rank - 1, rank - 2] });
    return ctx.node('MatMul', [transposeA ? swapLast(a!, am!.shape.length) : a!, transposeB ? swapLast(b!, bm!.shape.length) : b!]);
  },
});

/** Matrix product of the last two axes, batch axes broadcasting: [..., m, k] · [..., k, n]. */
export function matmul(a: TensorLike, b: TensorLike, opts: { transposeA?: boolean; transposeB?: boolean } = {}): Tensor {
  const [x, y] = binaryOperands(a, b);
  return applyOp(matmulOp, [x, y], { transposeA: opts.transposeA ?? false, transposeB: opts.transposeB ?? false });
}
