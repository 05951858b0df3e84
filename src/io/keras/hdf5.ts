/**
 * HDF5 files (Keras weights) through h5wasm, the HDF5 C library compiled to WebAssembly: nothing is
 * compiled or downloaded at install time. A worker thread writes the bytes into h5wasm's in-memory
 * file system and reads the whole file (groups, attributes, float datasets within the byte limit);
 * the loader then works on what it sent back. The worker has a time limit and is terminated past
 * it: the HDF5 library looped forever on a fuzzed file, and a loop in WebAssembly cannot be
 * interrupted on its own thread.
 *
 * What the file says is checked before it is trusted: the HDF5 signature before the library sees the
 * bytes, a dataset's type and element count before its values are read, and the values read are
 * bounded by the byte limit, so a hostile file cannot make the reader allocate more than it allows.
 */
import { TesseraError } from '../../core/errors.js';

/**
 * Where h5wasm's ESM build is, for the reading worker to import: the nearest node_modules/h5wasm
 * above this file, as Node's resolution finds it (the worker's program is a data: URL, which cannot
 * resolve a package name itself).
 */
async function h5wasmUrl(who: string): Promise<string> {
  const { existsSync, readFileSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'node_modules', 'h5wasm', 'package.json');
    if (existsSync(pkg)) {
      const entry = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports?: { '.'?: { import?: string } } }).exports?.['.']?.import;
      if (entry) return pathToFileURL(join(dirname(pkg), entry)).href;
    }
    if (dirname(dir) === dir) break;
  }
  throw new TesseraError(`${who}: cannot find h5wasm, which reads HDF5 files (npm install h5wasm; Keras files are read in Node). Received: no node_modules/h5wasm above ${import.meta.url}`);
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

/** What the worker read: every group, dataset and attribute, and the float datasets' values. */
type Attr = { value: AttrValue } | { error: string };
type Entry =
  | { kind: 'group'; keys: string[]; attrs: Record<string, Attr> }
  | { kind: 'dataset'; shape: number[]; type: number; size: number; littleEndian: boolean; value: ArrayBufferView | null; valueError: string | null; attrs: Record<string, Attr> }
  | { kind: 'other' }
  | { kind: 'error'; error: string };

/** Most groups, datasets and attributes a file may hold (Keras files hold hundreds). */
const MAX_ENTRIES = 200_000;

/**
 * The worker's program: opens the bytes with h5wasm and walks the whole file. It runs in a worker
 * thread because the HDF5 library can loop forever on a damaged file (a fuzzed .h5 did): a loop in
 * WebAssembly cannot be interrupted on the thread it runs on, a worker can be terminated.
 * Plain JavaScript run as a data: URL module (the library's own fixed program; nothing from the
 * file is ever run), so it needs no build step and no TypeScript loader.
 */
const WORKER = String.raw`
const { parentPort, workerData } = await import('node:worker_threads');
// The h5wasm package's own module (found in node_modules by h5wasmUrl), never a name from the file.
const H5WASM = workerData.url;
const first = (e) => {
  const lines = String(e && e.message !== undefined ? e.message : e).split('\n').map((l) => l.trim()).filter(Boolean);
  const minor = lines.filter((l) => l.startsWith('minor:')).pop();
  return (minor || lines[0] || 'unknown error').replace(/^minor:\s*/, '').slice(0, 200);
};
const ready = (async () => {
  const h5 = (await import(H5WASM)).default;
  const Module = await h5.ready;
  Module.activate_throwing_error_handler();
  return { h5, Module };
})();
let next = 0;
parentPort.on('message', (request) => {
  ready.then(({ h5, Module }) => {
    const fsPath = '/file-' + next++ + '.h5';
    Module.FS.writeFile(fsPath, request.bytes);
    try {
      parentPort.postMessage(...read(h5, fsPath, request));
    } finally {
      try { Module.FS.unlink(fsPath); } catch (e) { /* already gone */ }
    }
  }).catch((e) => parentPort.postMessage({ ok: false, error: first(e) }));
});
function read(h5, fsPath, { maxBytes, maxEntries }) {
  let file;
  try {
    file = new h5.File(fsPath, 'r');
    if (file.file_id < 0n) throw new Error('the HDF5 library could not open it');
  } catch (e) {
    return [{ ok: false, error: first(e) }];
  }
  const entries = {};
  const transfer = [];
  let count = 0;
  let budget = maxBytes;
  const attrsOf = (e) => {
    const out = {};
    let names = [];
    try { names = Object.keys(e.attrs); } catch (err) { return out; }
    for (const name of names) {
      if (++count > maxEntries) throw new Error('too many entries');
      try {
        let v = e.attrs[name].value;
        if (typeof v === 'bigint') v = Number(v);
        else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) v = Array.from(v, Number);
        else if (Array.isArray(v) && !v.every((x) => typeof x === 'string')) v = { unexpected: 'object' };
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) out[name] = { error: 'unexpected type: ' + (v.unexpected || typeof v) };
        else if (typeof v === 'string' || typeof v === 'number' || Array.isArray(v)) out[name] = { value: v };
        else out[name] = { error: 'unexpected type: ' + typeof v };
      } catch (err) {
        out[name] = { error: first(err) };
      }
    }
    return out;
  };
  const walk = (path, depth) => {
    if (++count > maxEntries) throw new Error('too many entries');
    let e;
    try { e = file.get(path === '' ? '/' : path); } catch (err) { entries[path] = { kind: 'error', error: first(err) }; return; }
    if (e instanceof h5.Group) {
      let keys = [];
      try { keys = e.keys(); } catch (err) { entries[path] = { kind: 'error', error: first(err) }; return; }
      entries[path] = { kind: 'group', keys, attrs: attrsOf(e) };
      // Hard links can make cycles: the depth bounds the walk (Keras nests a few levels).
      if (depth < 32) for (const k of keys) walk(path === '' ? k : path + '/' + k, depth + 1);
    } else if (e instanceof h5.Dataset) {
      let meta;
      try { meta = e.metadata; } catch (err) { entries[path] = { kind: 'error', error: first(err) }; return; }
      const shape = meta.shape || [];
      const n = shape.reduce((a, b) => a * b, 1);
      const entry = { kind: 'dataset', shape, type: meta.type, size: meta.size, littleEndian: meta.littleEndian, value: null, valueError: null, attrs: attrsOf(e) };
      // Float values only (weights), within the byte limit; optimizer slots are not read.
      if (meta.type === 1 && [2, 4, 8].includes(meta.size) && !path.startsWith('optimizer_weights') && n * meta.size <= budget) {
        budget -= n * meta.size;
        try {
          const v = e.value;
          if (ArrayBuffer.isView(v)) { entry.value = v; transfer.push(v.buffer); }
        } catch (err) { entry.valueError = first(err); }
      }
      entries[path] = entry;
    } else entries[path] = { kind: 'other' };
  };
  try {
    walk('', 0);
  } catch (e) {
    return [{ ok: false, error: first(e) }];
  } finally {
    try { file.close(); } catch (e) { /* a file the library gave up on */ }
  }
  return [{ ok: true, entries }, transfer];
}
`;

type WorkerReply = { ok: true; entries: Record<string, Entry> } | { ok: false; error: string };

/**
 * One reading worker, kept between files (starting one compiles h5wasm's WebAssembly: ~0.1 s) and
 * unref'd so it never keeps the process alive; files are read one at a time. A worker that runs
 * past its time is terminated and the next file starts a fresh one.
 */
let worker: import('node:worker_threads').Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();

function readInWorker(who: string, bytes: Uint8Array, maxBytes: number, timeoutMs: number): Promise<WorkerReply> {
  const run = async (): Promise<WorkerReply> => {
    if (!worker) {
      const url = await h5wasmUrl(who);
      const { Worker } = await import('node:worker_threads');
      const created = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER)}`), { workerData: { url } });
      created.unref();
      // An idle worker that fails is dropped (an 'error' with no listener would crash the process).
      created.on('error', () => { if (worker === created) worker = null; });
      worker = created;
    }
    const w = worker;
    return new Promise<WorkerReply>((resolve, reject) => {
      const stop = (e: TesseraError): void => {
        cleanup();
        if (worker === w) worker = null;
        void w.terminate();
        reject(e);
      };
      const timer = setTimeout(() => stop(new TesseraError(`${who}: the HDF5 library did not finish reading the file within ${timeoutMs} ms and was stopped; the file is damaged (or raise the option timeoutMs). Received: ${bytes.length} bytes`)), timeoutMs);
      const onMessage = (m: WorkerReply): void => {
        cleanup();
        resolve(m);
      };
      const onError = (e: Error): void => stop(new TesseraError(`${who}: the HDF5 reader failed (${firstLine(e)}). Received: ${bytes.length} bytes`));
      const onExit = (code: number): void => stop(new TesseraError(`${who}: the HDF5 reader stopped (exit code ${code}); the file may be damaged. Received: ${bytes.length} bytes`));
      const cleanup = (): void => {
        clearTimeout(timer);
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
      // A copy is handed over (transferred, not cloned again): the caller's bytes stay usable.
      const copy = bytes.slice();
      w.postMessage({ bytes: copy, maxBytes, maxEntries: MAX_ENTRIES }, [copy.buffer]);
    });
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** How long reading may take: generous for the file's size, finite for a file that loops the library. */
const readTimeoutMs = (bytes: number): number => 30_000 + (bytes / 2 ** 20) * 200;

/** An HDF5 file read whole by a worker. Paths are '/'-separated from the root; every error names `who`. */
export class Hdf5File {
  private constructor(private readonly entries: Record<string, Entry>, readonly who: string, private budget: number) {}

  /** Reads `bytes` (an HDF5 file) in a worker; `maxBytes` bounds the dataset values read from it. */
  static async open(who: string, bytes: Uint8Array, maxBytes: number, timeoutMs = readTimeoutMs(bytes.length)): Promise<Hdf5File> {
    if (!isHdf5(bytes)) {
      const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
      throw new TesseraError(`${who}: not an HDF5 file (no HDF5 signature). Received: ${bytes.length} bytes starting 0x${head}`);
    }
    const result = await readInWorker(who, bytes, maxBytes, timeoutMs);
    if (!result.ok) {
      if (/too many entries/.test(result.error)) throw new TesseraError(`${who}: the HDF5 file holds more than ${MAX_ENTRIES} groups, datasets and attributes. Received: ${bytes.length} bytes`);
      if (/cannot (find|load) h5wasm|Cannot find module/.test(result.error)) throw new TesseraError(`${who}: cannot load h5wasm, which reads HDF5 files (npm install h5wasm). Received: ${result.error}`);
      throw new TesseraError(`${who}: the HDF5 file is damaged (${result.error}). Received: ${bytes.length} bytes`);
    }
    return new Hdf5File(result.entries, who, maxBytes);
  }

  private entity(path: string): Entry | null {
    const key = path.split('/').filter(Boolean).join('/');
    const e = this.entries[key];
    if (e?.kind === 'error') throw new TesseraError(`${this.who}: cannot read '${path}'; the HDF5 file is damaged. Received: ${e.error}`);
    return e ?? null;
  }

  isGroup(path: string): boolean {
    return this.entity(path)?.kind === 'group';
  }

  isDataset(path: string): boolean {
    return this.entity(path)?.kind === 'dataset';
  }

  /** Member names of a group (empty when it is absent or not a group). */
  keys(path: string): string[] {
    const g = this.entity(path);
    return g?.kind === 'group' ? g.keys : [];
  }

  attrNames(path: string): string[] {
    const e = this.entity(path);
    return e && 'attrs' in e ? Object.keys(e.attrs) : [];
  }

  /** An attribute as a string, number or list of them (null when absent). */
  attr(path: string, name: string): AttrValue {
    const e = this.entity(path);
    if (!e || !('attrs' in e)) return null;
    const a = e.attrs[name];
    if (!a) return null;
    if ('error' in a) {
      if (a.error.startsWith('unexpected type: ')) throw new TesseraError(`${this.who}: attribute '${name}' of '${path}' has an unexpected type. Received: ${a.error.slice(17)}`);
      throw new TesseraError(`${this.who}: cannot read attribute '${name}' of '${path}'; the HDF5 file is damaged. Received: ${a.error}`);
    }
    return a.value;
  }

  /** A dataset's shape (null when `path` is not a dataset). */
  shape(path: string): number[] | null {
    const d = this.entity(path);
    return d?.kind === 'dataset' ? d.shape : null;
  }

  /**
   * A float dataset's values as float32, after checking its shape is `expected` (Keras weights are
   * float32; float16 and float64 are converted).
   */
  readFloats(path: string, expected: readonly number[], what: string): Float32Array {
    const d = this.entity(path);
    if (d?.kind !== 'dataset') throw new TesseraError(`${this.who}: ${what} is missing: expected a dataset at '${path}'. Received: ${d ? 'a group' : 'nothing there'}`);
    const shape = d.shape;
    if (shape.length !== expected.length || shape.some((n, i) => n !== expected[i])) {
      throw new TesseraError(`${this.who}: ${what} ('${path}') should have shape [${expected.join(',')}]. Received: [${shape.join(',')}]`);
    }
    const floatType = 1;
    if (d.type !== floatType || ![2, 4, 8].includes(d.size)) {
      throw new TesseraError(`${this.who}: ${what} ('${path}') must hold floats (float16/32/64). Received: HDF5 type class ${d.type}, ${d.size} bytes per value`);
    }
    const count = shape.reduce((a, b) => a * b, 1);
    this.budget -= count * d.size;
    if (this.budget < 0 || (d.value === null && d.valueError === null)) throw new TesseraError(`${this.who}: the weights need more than the byte limit (option maxBytes). Received: '${path}' of ${count * d.size} bytes`);
    if (d.valueError !== null) throw new TesseraError(`${this.who}: cannot read the values of '${path}'; the HDF5 file is damaged. Received: ${d.valueError}`);
    const value = d.value;
    if (value instanceof Float32Array && value.length === count) return value;
    if (value instanceof Float64Array && value.length === count) return Float32Array.from(value);
    if (d.size === 2 && value instanceof Uint16Array && value.length === count) return halfToFloat(value, d.littleEndian);
    if (d.size === 2 && value instanceof Uint8Array && value.length === 2 * count) {
      return halfToFloat(new Uint16Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.length)), d.littleEndian);
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
