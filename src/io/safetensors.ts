/**
 * safetensors, the native weight format (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length, a JSON header {name: {dtype, shape, data_offsets}, __metadata__},
 * then the tensors' bytes. Written by hand: the format is a page long, and the npm packages that
 * read it either wrap the Rust library (a native download) or skip the bounds checks below.
 *
 * Reading checks what the reference implementation checks — header length within the file and
 * ≤ 100 MB, valid JSON of the expected shape, known dtypes, offsets that tile the data section
 * exactly (no gaps, overlaps or out-of-range bytes), byte sizes matching shapes — and never
 * allocates more than the file holds.
 */
import { TesseraError } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import type { DType, TypedArray } from '../core/dtype.js';

const MAX_HEADER = 100_000_000;

type StDtype = 'F32' | 'F64' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';
const BYTES: Record<StDtype, number> = { F32: 4, F64: 8, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
const OF_DTYPE: Record<DType, StDtype> = { float32: 'F32', float64: 'F64', int32: 'I32', int64: 'I64', bool: 'BOOL' };

/** A header value for an error message: short, and safe on values nested too deeply to stringify. */
function show(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = 'a value too deeply nested to print';
  }
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}

export class SafetensorsError extends TesseraError {
  constructor(file: string, detail: string) {
    super(`${file}: not a valid safetensors file: ${detail}`);
    this.name = 'SafetensorsError';
  }
}

export interface SafetensorsContent {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

/** Encodes named tensors (realized) and string metadata. */
export function encodeSafetensors(tensors: ReadonlyMap<string, Tensor> | readonly [string, Tensor][], metadata: Record<string, string> = {}): Uint8Array {
  const entries = [...tensors];
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header['__metadata__'] = metadata;
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const [name, t] of entries) {
    if (name === '__metadata__') throw new TesseraError('safetensors: a tensor cannot be named __metadata__');
    const data = t._resolve()._data;
    if (!data) throw new TesseraError(`safetensors: tensor '${name}' is not computed; realize it first`);
    const bytes = toBytes(data, t.dtype);
    header[name] = { dtype: OF_DTYPE[t.dtype], shape: [...t.shape], data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  // Pad the header with spaces to a multiple of 8 so the data is aligned (as the reference writer does).
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let pos = 8 + json.length;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

function toBytes(data: TypedArray, dtype: DType): Uint8Array {
  if (dtype === 'int64') {
    const big = new BigInt64Array(data.length);
    for (let i = 0; i < data.length; i++) big[i] = BigInt(data[i]!);
    return new Uint8Array(big.buffer);
  }
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** Decodes a safetensors buffer; `file` names the source in errors. */
export function decodeSafetensors(buf: Uint8Array, file = 'safetensors'): SafetensorsContent {
  if (buf.length < 8) throw new SafetensorsError(file, `the file has ${buf.length} bytes, fewer than the 8-byte header length`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER)) throw new SafetensorsError(file, `the header length ${n} exceeds ${MAX_HEADER} bytes`);
  const headerLen = Number(n);
  if (8 + headerLen > buf.length) throw new SafetensorsError(file, `the header length ${headerLen} runs past the end of the file (${buf.length} bytes)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(8, 8 + headerLen)));
  } catch (e) {
    throw new SafetensorsError(file, `the header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new SafetensorsError(file, 'the header must be a JSON object');
  const dataStart = 8 + headerLen;
  const dataLen = buf.length - dataStart;
  const metadata: Record<string, string> = {};
  const spans: { name: string; begin: number; end: number; dtype: StDtype; shape: number[] }[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SafetensorsError(file, '__metadata__ must be an object of strings');
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') throw new SafetensorsError(file, `__metadata__.${k} must be a string`);
        metadata[k] = v;
      }
      continue;
    }
    const info = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof info !== 'object' || info === null) throw new SafetensorsError(file, `entry '${name}' must be an object`);
    if (typeof info.dtype !== 'string' || !(info.dtype in BYTES)) throw new SafetensorsError(file, `tensor '${name}' has an unsupported dtype ${show(info.dtype)}`);
    if (!Array.isArray(info.shape) || !info.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new SafetensorsError(file, `tensor '${name}' has an invalid shape ${show(info.shape)}`);
    const off = info.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isSafeInteger(d) && d >= 0) || off[1] < off[0]) {
      throw new SafetensorsError(file, `tensor '${name}' has invalid data_offsets ${show(off)}`);
    }
    const dtype = info.dtype as StDtype;
    const shape = info.shape as number[];
    const count = shape.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(count * BYTES[dtype]) || count * BYTES[dtype] !== off[1] - off[0]) {
      throw new SafetensorsError(file, `tensor '${name}' of shape [${shape.join(',')}] ${dtype} needs ${count * BYTES[dtype]} bytes. Received: offsets [${off[0]}, ${off[1]}]`);
    }
    spans.push({ name, begin: off[0], end: off[1], dtype, shape });
  }
  spans.sort((a, b) => a.begin - b.begin);
  let expected = 0;
  for (const s of spans) {
    if (s.begin !== expected) throw new SafetensorsError(file, `tensor '${s.name}' starts at byte ${s.begin}; the data must be contiguous (expected ${expected}: a gap or an overlap)`);
    expected = s.end;
  }
  if (expected !== dataLen) throw new SafetensorsError(file, `the tensors cover ${expected} bytes but the data section has ${dataLen}`);
  const tensors = new Map<string, Tensor>();
  for (const s of spans) tensors.set(s.name, fromBytes(buf.subarray(dataStart + s.begin, dataStart + s.end), s.dtype, s.shape));
  // Keep the header's order (the order tensors were written).
  const ordered = new Map<string, Tensor>();
  for (const name of Object.keys(header)) if (tensors.has(name)) ordered.set(name, tensors.get(name)!);
  return { tensors: ordered, metadata };
}

function fromBytes(bytes: Uint8Array, dtype: StDtype, shape: number[]): Tensor {
  // An owned, aligned copy (Node's Buffer.slice would return a view into a shared pool).
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const buf = copy.buffer;
  const n = shape.reduce((a, b) => a * b, 1);
  const view = new DataView(buf);
  switch (dtype) {
    case 'F32': return new Tensor(shape, 'float32', new Float32Array(buf), null);
    case 'F64': return new Tensor(shape, 'float64', new Float64Array(buf), null);
    case 'I32': return new Tensor(shape, 'int32', new Int32Array(buf), null);
    case 'I64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(view.getBigInt64(i * 8, true));
      return new Tensor(shape, 'int64', out, null);
    }
    case 'BOOL': return new Tensor(shape, 'bool', Uint8Array.from(copy, (v) => (v ? 1 : 0)), null);
    case 'U8': return new Tensor(shape, 'int32', Int32Array.from(copy), null);
    case 'I8': return new Tensor(shape, 'int32', Int32Array.from(new Int8Array(buf)), null);
    case 'I16': return new Tensor(shape, 'int32', Int32Array.from(new Int16Array(buf)), null);
    case 'F16': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return new Tensor(shape, 'float32', out, null);
    }
    case 'BF16': {
      const out = new Float32Array(n);
      const u = new Uint32Array(out.buffer);
      for (let i = 0; i < n; i++) u[i] = view.getUint16(i * 2, true) << 16;
      return new Tensor(shape, 'float32', out, null);
    }
  }
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}
