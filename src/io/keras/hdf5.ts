/**
 * HDF5 files (Keras weights) through h5wasm, the HDF5 C library compiled to WebAssembly: nothing is
 * compiled or downloaded at install time. The bytes are written into h5wasm's in-memory file system,
 * so `.h5` files and the `model.weights.h5` inside a `.keras` zip are read the same way.
 *
 * What the file says is checked before it is trusted: the HDF5 signature before the library sees the
 * bytes, and a dataset's type and element count before its values are read (callers pass the shape
 * they expect), so a hostile file cannot make the reader allocate more than the byte limit.
 */
import type * as H5 from 'h5wasm';
import { TesseraError } from '../../core/errors.js';

type H5Lib = typeof H5.default;
type H5Module = Awaited<H5Lib['ready']>;

/**
 * Imported by a name the bundler cannot see: the browser bundle (esbuild) would otherwise embed
 * h5wasm's 4 MB of WebAssembly in every page, while Keras files are only read in Node.
 */
const H5WASM = 'h5wasm';
let lib: Promise<H5Lib> | null = null;

async function h5wasm(who: string): Promise<H5Lib> {
  lib ??= (async () => {
    const h5 = ((await import(H5WASM)) as { default: H5Lib }).default;
    const module = await h5.ready;
    // HDF5 errors become JS exceptions instead of text printed to stderr and a -1 handle.
    module.activate_throwing_error_handler();
    return h5;
  })();
  try {
    return await lib;
  } catch (e) {
    lib = null;
    throw new TesseraError(`${who}: cannot load h5wasm, which reads HDF5 files (npm install h5wasm; Keras files are read in Node). Received: ${(e as Error).message}`);
  }
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** HDF5's signature sits at byte 0, or after a user block at 512, 1024, 2048, … */
export function isHdf5(bytes: Uint8Array): boolean {
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (SIGNATURE.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

export type AttrValue = string | number | string[] | number[] | null;

let nextFile = 0;

/** An open HDF5 file. Paths are '/'-separated from the root; every error names `who`. */
export class Hdf5File {
  private constructor(
    private readonly h5: H5Lib,
    private readonly module: H5Module,
    private readonly file: H5.File,
    private readonly fsPath: string,
    readonly who: string,
    private budget: number,
  ) {}

  /** Opens `bytes` (an HDF5 file); `maxBytes` bounds the dataset values read from it. */
  static async open(who: string, bytes: Uint8Array, maxBytes: number): Promise<Hdf5File> {
    if (!isHdf5(bytes)) {
      const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
      throw new TesseraError(`${who}: not an HDF5 file (no HDF5 signature). Received: ${bytes.length} bytes starting 0x${head}`);
    }
    const h5 = await h5wasm(who);
    const module = await h5.ready;
    const fsPath = `/tessera-keras-${nextFile++}.h5`;
    module.FS.writeFile(fsPath, bytes);
    try {
      const file = new h5.File(fsPath, 'r');
      if (file.file_id < 0n) throw new Error('the HDF5 library could not open it');
      return new Hdf5File(h5, module, file, fsPath, who, maxBytes);
    } catch (e) {
      module.FS.unlink(fsPath);
      throw new TesseraError(`${who}: the HDF5 file is damaged (${firstLine(e)}). Received: ${bytes.length} bytes`);
    }
  }

  close(): void {
    try {
      this.file.close();
    } catch {
      // Closing a file the library already gave up on: nothing more to release.
    }
    try {
      this.module.FS.unlink(this.fsPath);
    } catch {
      // Already gone: the in-memory copy is released either way.
    }
  }

  private entity(path: string): H5.Entity | null {
    try {
      return this.file.get(path);
    } catch (e) {
      throw new TesseraError(`${this.who}: cannot read '${path}'; the HDF5 file is damaged. Received: ${firstLine(e)}`);
    }
  }

  isGroup(path: string): boolean {
    return this.entity(path) instanceof this.h5.Group;
  }

  isDataset(path: string): boolean {
    return this.entity(path) instanceof this.h5.Dataset;
  }

  /** Member names of a group (empty when it is absent or not a group). */
  keys(path: string): string[] {
    const g = this.entity(path);
    if (!(g instanceof this.h5.Group)) return [];
    try {
      return g.keys();
    } catch (e) {
      throw new TesseraError(`${this.who}: cannot list '${path}'; the HDF5 file is damaged. Received: ${firstLine(e)}`);
    }
  }

  attrNames(path: string): string[] {
    const e = this.entity(path);
    return e && 'attrs' in e ? Object.keys(e.attrs) : [];
  }

  /** An attribute as a string, number or list of them (null when absent). */
  attr(path: string, name: string): AttrValue {
    const e = this.entity(path);
    if (!e || !('attrs' in e)) return null;
    let value: unknown;
    try {
      const a = e.attrs[name];
      if (!a) return null;
      value = a.value;
    } catch (err) {
      throw new TesseraError(`${this.who}: cannot read attribute '${name}' of '${path}'; the HDF5 file is damaged. Received: ${firstLine(err)}`);
    }
    if (typeof value === 'string' || typeof value === 'number') return value;
    if (typeof value === 'bigint') return Number(value);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number | bigint>, Number);
    throw new TesseraError(`${this.who}: attribute '${name}' of '${path}' has an unexpected type. Received: ${typeof value}`);
  }

  /** A dataset's shape (null when `path` is not a dataset). */
  shape(path: string): number[] | null {
    const d = this.entity(path);
    return d instanceof this.h5.Dataset ? d.shape ?? [] : null;
  }

  /**
   * A float dataset's values as float32, after checking its shape is `expected` (Keras weights are
   * float32; float16 and float64 are converted).
   */
  readFloats(path: string, expected: readonly number[], what: string): Float32Array {
    const d = this.entity(path);
    if (!(d instanceof this.h5.Dataset)) throw new TesseraError(`${this.who}: ${what} is missing: expected a dataset at '${path}'. Received: ${this.entity(path) ? 'a group' : 'nothing there'}`);
    let meta: H5.Metadata;
    try {
      meta = d.metadata;
    } catch (e) {
      throw new TesseraError(`${this.who}: cannot read '${path}'; the HDF5 file is damaged. Received: ${firstLine(e)}`);
    }
    const shape = meta.shape ?? [];
    if (shape.length !== expected.length || shape.some((n, i) => n !== expected[i])) {
      throw new TesseraError(`${this.who}: ${what} ('${path}') should have shape [${expected.join(',')}]. Received: [${shape.join(',')}]`);
    }
    const floatType = 1;
    if (meta.type !== floatType || ![2, 4, 8].includes(meta.size)) {
      throw new TesseraError(`${this.who}: ${what} ('${path}') must hold floats (float16/32/64). Received: HDF5 type class ${meta.type}, ${meta.size} bytes per value`);
    }
    const count = shape.reduce((a, b) => a * b, 1);
    this.budget -= count * meta.size;
    if (this.budget < 0) throw new TesseraError(`${this.who}: the weights need more than the byte limit (option maxBytes). Received: '${path}' of ${count * meta.size} bytes`);
    let value: unknown;
    try {
      value = d.value;
    } catch (e) {
      throw new TesseraError(`${this.who}: cannot read the values of '${path}'; the HDF5 file is damaged. Received: ${firstLine(e)}`);
    }
    if (value instanceof Float32Array && value.length === count) return value;
    if (value instanceof Float64Array && value.length === count) return Float32Array.from(value);
    if (meta.size === 2 && value instanceof Uint16Array && value.length === count) return halfToFloat(value, meta.littleEndian);
    if (meta.size === 2 && value instanceof Uint8Array && value.length === 2 * count) {
      return halfToFloat(new Uint16Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.length)), meta.littleEndian);
    }
    throw new TesseraError(`${this.who}: '${path}' gave ${count} values of an unexpected kind. Received: ${Object.prototype.toString.call(value)}`);
  }
}

function halfToFloat(bits: Uint16Array, littleEndian: boolean): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = littleEndian ? bits[i]! : ((bits[i]! & 0xff) << 8) | (bits[i]! >> 8);
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    out[i] = exp === 0 ? sign * 2 ** -14 * (frac / 1024) : exp === 31 ? (frac ? NaN : sign * Infinity) : sign * 2 ** (exp - 15) * (1 + frac / 1024);
  }
  return out;
}

/** The first line of an error (HDF5's messages carry a whole error stack). */
function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const minor = lines.filter((l) => l.startsWith('minor:')).pop();
  return (minor ?? lines[0] ?? 'unknown error').replace(/^minor:\s*/, '').slice(0, 200);
}
