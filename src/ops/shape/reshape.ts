import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp } from '../../core/op.js';
import { shapesEqual, sizeOf, type Shape } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';

export const reshapeOp = defineOp<{ shape: readonly number[] }>({
  name: 'reshape',
  infer: ([x], { shape }) => ({ shape, dtype: x!.dtype }),
  // Tensors are immutable, so the output can share the input's storage.
  kernel: ([x]) => x!.data,
  vjp: (g, [x]) => [reshape(g, x!.shape)],
  // allowzero: a 0 in the target shape is a real zero-size axis, not "copy the input's dim".
  onnx: (ctx, [x], { shape }) => ctx.node('Reshape', [x!, ctx.ints(shape)], { allowzero: 1 }),
});

/** New shape with the same values; one dimension may be -1 (inferred). */
export function reshape(x: TensorLike, shape: Shape): Tensor {
  const t = toTensor(x);
  const target = [...shape];
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1 || target.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new OpError('reshape', `shape must hold non-negative integers and at most one -1. Received: shape=${fmtShape(shape)}`);
  }
  if (unknown === 1) {
    const known = sizeOf(target.filter((d) => d !== -1));
    if (known === 0 || t.size % known !== 0) {
      throw new OpError('reshape', `cannot reshape ${fmtShape(t.shape)} (${t.size} values) into ${fmtShape(shape)}`);
    }
    target[target.indexOf(-1)] = t.size / known;
  }
  if (sizeOf(target) !== t.size) {
    throw new OpError('reshape', `cannot reshape ${fmtShape(t.shape)} (${t.size} values) into ${fmtShape(shape)}`);
  }
  if (shapesEqual(target, t.shape)) return t;
  return applyOp(reshapeOp, [t], { shape: target });
}
