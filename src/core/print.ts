import type { DType, TypedArray } from './dtype.js';
import type { Shape } from './shape.js';

const SUMMARIZE_OVER = 1000;
const EDGE_ITEMS = 3;

function formatNumber(x: number, dtype: DType, precision: number): string {
  if (dtype === 'bool') return x ? 'true' : 'false';
  if (dtype === 'int32' || dtype === 'int64') return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.`;
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) return x.toExponential(precision);
  return String(Number(x.toFixed(precision)));
}

/**
 * numpy-style rendering: `tensor([[1., 2.],\n        [3., 4.]], shape=[2,2], dtype=float32)`.
 * Large tensors show their first and last EDGE_ITEMS entries per axis, like numpy.
 */
export function formatTensor(data: TypedArray, shape: Shape, dtype: DType): string {
  const size = data.length;
  const summarize = size > SUMMARIZE_OVER;
  const precision = dtype === 'float64' ? 8 : 4;
  const strings = new Map<number, string>();
  const visit = (offset: number, axis: number, stride: number[]): void => {
    if (axis === shape.length) {
      strings.set(offset, formatNumber(data[offset]!, dtype, precision));
      return;
    }
    for (const i of indices(shape[axis]!, summarize)) visit(offset + i * stride[axis]!, axis + 1, stride);
  };
  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  if (size > 0) visit(0, 0, strides);
  const width = Math.max(0, ...[...strings.values()].map((v) => v.length));
  const prefix = 'tensor(';
  const render = (offset: number, axis: number): string => {
    if (axis === shape.length) return strings.get(offset)!.padStart(width);
    const n = shape[axis]!;
    const parts: string[] = [];
    const idx = indices(n, summarize);
    for (let k = 0; k < idx.length; k++) {
      if (k > 0 && idx[k]! !== idx[k - 1]! + 1) parts.push('...');
      parts.push(render(offset + idx[k]! * strides[axis]!, axis + 1));
    }
    const indent = ' '.repeat(prefix.length + axis + 1);
    const sep = axis === shape.length - 1 ? ', ' : `,${'\n'.repeat(shape.length - axis - 1)}${indent}`;
    return `[${parts.join(sep)}]`;
  };
  const body = size === 0 ? '[]' : render(0, 0);
  return `${prefix}${body}, shape=[${shape.join(',')}], dtype=${dtype})`;
}

function indices(n: number, summarize: boolean): number[] {
  if (!summarize || n <= 2 * EDGE_ITEMS) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: EDGE_ITEMS }, (_, i) => i), ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)];
}
