import { castScalar, isDType, isFloat, type DType } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp } from '../../core/op.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { mapUnary } from '../../backends/reference/elementwise.js';

/** Converts to another dtype: floats truncate toward zero into ints; non-zero is true. */
export const castOp = defineOp<{ dtype: DType }>({
  name: 'cast',
  infer: ([x], { dtype }) => {
    if (!isDType(dtype)) throw new OpError('cast', `dtype must be one of float32, float64, int32, int64, bool. Received: dtype=${String(dtype)}`);
    return { shape: x!.shape, dtype };
  },
  kernel: ([x], { dtype }) => mapUnary(x!, dtype, (v) => castScalar(v, dtype)),
  vjp: (g, [x]) => [isFloat(x!.dtype) ? cast(g, x!.dtype) : null],
});

export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = toTensor(x);
  if (t.dtype === dtype) return t;
  return applyOp(castOp, [t], { dtype });
}
