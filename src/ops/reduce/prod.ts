import { isFloat } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { defineOp } from '../../core/op.js';
import { normalizeAxes } from '../../core/shape.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { reduce, reducedShape } from '../../backends/reference/reduce.js';
import { add } from '../elementwise/add.js';
import { cast } from '../elementwise/cast.js';
import { div } from '../elementwise/div.js';
import { equal } from '../elementwise/equal.js';
import { mul } from '../elementwise/mul.js';
import { reshape } from '../shape/reshape.js';
import { accumulateOnnx } from './onnx-lowering.js';
import { keptShape, sum, type ReduceAttrs } from './sum.js';

const multiply = (acc: number, v: number): number => acc * v;

export const prodOp = defineOp<ReduceAttrs>({
  name: 'prod',
  infer: ([x], { axes, keepDims }) => ({
    shape: reducedShape(x!.shape, axes, keepDims),
    dtype: x!.dtype === 'bool' ? 'int32' : x!.dtype,
  }),
  kernel: ([x], { axes }, out) => reduce(x!, axes, out.dtype, 1, multiply),
  /**
   * d y / d x_i is the product of the other elements of x_i's slice: y / x_i where x_i ≠ 0; the
   * product of the non-zero elements where x_i is the slice's only zero; 0 where the slice has
   * two zeros or more. Dividing only by non-zero values keeps zeros exact (no 0/0). The second
   * derivative at a slice's single zero misses the cross terms (as PyTorch's did before cumprod).
   */
  vjp: (g, [x], y, { axes }) => {
    if (!isFloat(x!.dtype)) return [null];
    const kept = keptShape(x!.shape, axes);
    const isZero = equal(x!, 0);
    const zeroMask = cast(isZero, x!.dtype);
    const safe = add(x!, zeroMask); // zeros replaced by ones
    const onlyZero = cast(equal(sum(isZero, axes, true), 1), x!.dtype);
    const atZero = mul(zeroMask, mul(prod(safe, axes, true), onlyZero));
    const others = add(div(reshape(y, kept), safe), atZero);
    return [mul(reshape(g, kept), others)];
  },
  // int32 products that overflow wrap at every step in ONNX Runtime, where the kernel rounds an
  // exact float64 product once: they agree while the product stays below 2^53.
  onnx: accumulateOnnx('ReduceProd'),
});

/** Product over `axis` (all axes when omitted); an empty product is 1. Bool counts as int32. */
export function prod(x: TensorLike, axis?: number | readonly number[] | null, keepDims = false): Tensor {
  const t = toTensor(x);
  return applyOp(prodOp, [t], { axes: normalizeAxes('prod', axis, t.rank), keepDims });
}
