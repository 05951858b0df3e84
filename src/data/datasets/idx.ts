/**
 * IDX files (the MNIST/Fashion-MNIST format): a 4-byte magic (0, 0, element type, rank), the
 * dimensions as big-endian uint32, then the values big-endian. Parsed by hand: the format is
 * 20 lines and no maintained npm library reads it.
 */
import { TesseraError } from '../../core/errors.js';
import { readFileBytes } from '../../io/node-fs.js';

export interface IdxArray {
  shape: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { name: string; bytes: number }> = {
  0x08: { name: 'uint8', bytes: 1 },
  0x09: { name: 'int8', bytes: 1 },
  0x0b: { name: 'int16', bytes: 2 },
  0x0c: { name: 'int32', bytes: 4 },
  0x0d: { name: 'float32', bytes: 4 },
  0x0e: { name: 'float64', bytes: 8 },
};

/** Parses IDX bytes (already gunzipped). `source` names the file in errors. */
export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxArray {
  const fail = (what: string): never => {
    throw new TesseraError(`parseIdx: ${source} is not a valid IDX file: ${what}`);
  };
  if (bytes.length < 4) fail(`expected at least a 4-byte header. Received: ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0) fail(`magic must start with two zero bytes. Received: ${bytes[0]}, ${bytes[1]}`);
  const type = TYPES[bytes[2]!];
  if (!type) fail(`unknown element type 0x${bytes[2]!.toString(16)} (expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)`);
  const rank = bytes[3]!;
  if (rank === 0 || rank > 8) fail(`rank must be 1..8. Received: ${rank}`);
  const headerSize = 4 + 4 * rank;
  if (bytes.length < headerSize) fail(`header declares rank ${rank} but the file has ${bytes.length} bytes`);
  const shape: number[] = [];
  let count = 1;
  for (let i = 0; i < rank; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    shape.push(d);
    count *= d;
  }
  const expected = headerSize + count * type!.bytes;
  if (bytes.length !== expected) {
    fail(`dimensions [${shape.join(',')}] of ${type!.name} need ${expected} bytes. Received: ${bytes.length} bytes`);
  }
  const body = headerSize;
  switch (type!.name) {
    case 'uint8': return { shape, data: bytes.slice(body) };
    case 'int8': return { shape, data: new Int8Array(bytes.slice(body).buffer) };
    default: {
      const Ctor = { int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[type!.name as 'int16'];
      const out = new Ctor(count);
      const get = {
        int16: (o: number) => view.getInt16(o, false),
        int32: (o: number) => view.getInt32(o, false),
        float32: (o: number) => view.getFloat32(o, false),
        float64: (o: number) => view.getFloat64(o, false),
      }[type!.name as 'int16'];
      for (let i = 0; i < count; i++) out[i] = get(body + i * type!.bytes);
      return { shape, data: out };
    }
  }
}

/** Reads an IDX file from disk, gunzipping `.gz` files (Node only). */
export async function readIdxFile(path: string): Promise<IdxArray> {
  let bytes = await readFileBytes('readIdxFile', path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const { gunzipSync } = await import('node:zlib');
    try {
      // A cap on the output keeps a gzip bomb from exhausting memory (MNIST train images: 47 MB).
      bytes = gunzipSync(bytes, { maxOutputLength: 1 << 30 });
    } catch (e) {
      throw new TesseraError(`readIdxFile: '${path}' is not valid gzip: ${(e as Error).message}`);
    }
  }
  return parseIdx(bytes, `'${path}'`);
}
