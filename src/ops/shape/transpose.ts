import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp } from '../../core/op.js';
import { sizeOf, stridesOf } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';

export const transposeOp = defineOp<{ perm: readonly number[] }>({
  name: 'transpose',
  infer: ([x], { perm }) => {
    const r = x!.shape.length;
    const ok = perm.length === r && [...perm].sort((a, b) => a - b).every((p, i) => p === i);
    if (!ok) throw new OpError('transpose', `perm must be a permutation of 0..${r - 1} for shape [${x!.shape.join(',')}]. Received: perm=[${perm.join(',')}]`);
    return { shape: perm.map((p) => x!.shape[p]!), dtype: x!.dtype };
  },
  kernel: ([x], { perm }, out) => {
    const res = allocate(out.dtype, sizeOf(out.shape));
    const inStrides = stridesOf(x!.shape);
    const rank = perm.length;
    const src = perm.map((p) => inStrides[p]!); // input stride of each output axis
    const shape = out.shape;
    const d = x!.data;
    if (rank === 0) {
      res[0] = d[0]!;
      return res;
    }
    const inner = shape[rank - 1]!;
    const innerStride = src[rank - 1]!;
    const counter = new Array<number>(rank).fill(0);
    let offset = 0;
    for (let o = 0; o < res.length; o += inner) {
      for (let j = 0; j < inner; j++) res[o + j] = d[offset + j * innerStride]!;
      for (let ax = rank - 2; ax >= 0; ax--) {
        counter[ax]!++;
        offset += src[ax]!;
        if (counter[ax]! < shape[ax]!) break;
        offset -= src[ax]! * shape[ax]!;
        counter[ax] = 0;
      }
    }
    return res;
  },
  vjp: (g, _x, _y, { perm }) => {
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return [transpose(g, inverse)];
  },
  onnx: (ctx, [x], { perm }) => ctx.node('Transpose', [x!], { perm: [...perm] }),
});

/** Permutes axes; by default reverses them. */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const t = toTensor(x);
  const p = perm ? perm.map((a) => (a < 0 ? a + t.rank : a)) : Array.from({ length: t.rank }, (_, i) => t.rank - 1 - i);
  if (p.every((a, i) => a === i)) return t;
  return applyOp(transposeOp, [t], { perm: p });
}
