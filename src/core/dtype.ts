/**
 * Data types. float64 exists so that gradient checks can run in double precision;
 * int64 is stored in a Float64Array (exact up to 2^53, checked on creation) so kernels
 * stay generic over one numeric element type instead of splitting on BigInt.
 */
export type DType = 'float32' | 'float64' | 'int32' | 'int64' | 'bool';

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'int64', 'bool'];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

export function isInteger(dtype: DType): boolean {
  return dtype === 'int32' || dtype === 'int64';
}

/** Allocates zeroed storage for `size` elements of `dtype`. */
export function allocate(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(size);
    case 'float64': return new Float64Array(size);
    case 'int32': return new Int32Array(size);
    case 'int64': return new Float64Array(size);
    case 'bool': return new Uint8Array(size);
  }
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };

/** Result dtype of a binary op on two tensors (numpy-like: bool < int32 < int64 < float32 < float64). */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Converts a JS number into what `dtype` storage would hold, e.g. for constants. */
export function castScalar(value: number, dtype: DType): number {
  switch (dtype) {
    case 'float32': return Math.fround(value);
    case 'float64': return value;
    case 'int32': return value | 0;
    case 'int64': return Math.trunc(value);
    case 'bool': return value ? 1 : 0;
  }
}
