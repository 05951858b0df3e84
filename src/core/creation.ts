/** Creation functions: realized tensors filled from JS. */
import { allocate, castScalar, isDType, type DType } from './dtype.js';
import { OpError } from './errors.js';
import { assertValidShape, sizeOf, type Shape } from './shape.js';
import { Tensor, fromData } from './tensor.js';

function checkDtype(op: string, dtype: DType): DType {
  if (!isDType(dtype)) throw new OpError(op, `dtype must be one of float32, float64, int32, int64, bool. Received: dtype=${String(dtype)}`);
  return dtype;
}

export function full(shape: Shape, value: number, dtype: DType = 'float32'): Tensor {
  assertValidShape('full', shape);
  checkDtype('full', dtype);
  const data = allocate(dtype, sizeOf(shape));
  data.fill(castScalar(value, dtype));
  return fromData(data, shape, dtype);
}

export function zeros(shape: Shape, dtype: DType = 'float32'): Tensor {
  return full(shape, 0, dtype);
}

export function ones(shape: Shape, dtype: DType = 'float32'): Tensor {
  return full(shape, 1, dtype);
}

export function zerosLike(t: Tensor): Tensor {
  return zeros(t.shape, t.dtype);
}

export function onesLike(t: Tensor): Tensor {
  return ones(t.shape, t.dtype);
}

export function fullLike(t: Tensor, value: number): Tensor {
  return full(t.shape, value, t.dtype);
}

/** Values start, start+step, … below stop (numpy's arange). Integer arguments give int32. */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (step === 0 || !Number.isFinite(step)) throw new OpError('arange', `step must be a finite non-zero number. Received: step=${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const dt = dtype ?? (Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step) ? 'int32' : 'float32');
  const data = allocate(checkDtype('arange', dt), n);
  for (let i = 0; i < n; i++) data[i] = castScalar(start + i * step, dt);
  return fromData(data, [n], dt);
}

/** `num` evenly spaced values from start to stop inclusive. */
export function linspace(start: number, stop: number, num: number, dtype: DType = 'float32'): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new OpError('linspace', `num must be a non-negative integer. Received: num=${num}`);
  const data = allocate(checkDtype('linspace', dtype), num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = castScalar(i === num - 1 && num > 1 ? stop : start + i * step, dtype);
  return fromData(data, [num], dtype);
}

/** Identity-like matrix [n, m] with ones on the diagonal shifted by `k`. */
export function eye(n: number, m = n, k = 0, dtype: DType = 'float32'): Tensor {
  assertValidShape('eye', [n, m]);
  const data = allocate(checkDtype('eye', dtype), n * m);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < m) data[i * m + j] = 1;
  }
  return fromData(data, [n, m], dtype);
}

/** A scalar of `dtype`. */
export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return full([], value, dtype);
}
