import { castScalar, isDType, isFloat, type DType } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { defineOp } from '../../core/op.js';
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { mapUnary } from '../../backends/reference/elementwise.js';
import { castTo, scalar } from './onnx-lowering.js';

/** Converts to another dtype: floats truncate toward zero into ints; non-zero is true. */
export const castOp = defineOp<{ dtype: DType }>({
  name: 'cast',
  infer: ([x], { dtype }) => {
    if (!isDType(dtype)) throw new OpError('cast', `dtype must be one of float32, float64, int32, int64, bool. Received: dtype=${String(dtype)}`);
    return { shape: x!.shape, dtype };
  },
  kernel: ([x], { dtype }) => mapUnary(x!, dtype, (v) => castScalar(v, dtype)),
  vjp: (g, [x]) => [isFloat(x!.dtype) ? cast(g, x!.dtype) : null],
  onnx: (ctx, [x], { dtype }, [xm]) => {
    const from = xm!.dtype;
    if (!isFloat(from) || dtype === 'int64' || isFloat(dtype)) return castTo(ctx, x!, from, dtype);
    // ONNX casts NaN to true; castScalar's `v ? 1 : 0` makes it false: true iff |x| > 0.
    if (dtype === 'bool') return ctx.node('Greater', [ctx.node('Abs', [x!]), scalar(ctx, 0, from)]);
    // int32: castScalar's `v | 0` wraps modulo 2³² and sends NaN and ±inf to 0, where ONNX
    // Runtime saturates. fmod(x, 2³²) is exact (NaN for NaN and ±inf), truncates exactly to int64,
    // and is wrapped into int32's range there (ONNX Runtime saturates a Cast float → int64 → int32
    // chain as a whole).
    const r = ctx.node('Mod', [x!, scalar(ctx, 2 ** 32, from)], { fmod: 1 });
    const i = castTo(ctx, ctx.node('Where', [ctx.node('IsNaN', [r]), scalar(ctx, 0, from), r]), from, 'int64');
    const half = scalar(ctx, 2 ** 31, 'int64');
    const wrapped = ctx.node('Sub', [ctx.node('Mod', [ctx.node('Add', [i, half]), scalar(ctx, 2 ** 32, 'int64')]), half]);
    return castTo(ctx, wrapped, 'int64', 'int32');
  },
});

export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = toTensor(x);
  if (t.dtype === dtype) return t;
  return applyOp(castOp, [t], { dtype });
}
