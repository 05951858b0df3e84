/**
 * ONNX Runtime in Node (onnxruntime-node): devices cpu (default, one intra-op thread per core),
 * webgpu (bundled with onnxruntime-node ≥ 1.30) and cuda (when its libraries are installed).
 * It becomes the default backend when the native module loads; otherwise the reference backend stays.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { registerBackend, type BackendOptions } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import { OrtRuntime, ortBackend, unknownDevice, type Ort } from './runtime.js';

let ort: Ort | null = null;
let loadError: string | null = null;
try {
  // require, not a top-level await import: the package is CommonJS, and importing Tessera stays synchronous.
  ort = createRequire(import.meta.url)('onnxruntime-node') as Ort;
} catch (e) {
  loadError = (e as Error).message;
}

function supported(): { name: string; bundled: boolean }[] {
  const list = (ort as unknown as { listSupportedBackends?: () => { name: string; bundled: boolean }[] }).listSupportedBackends;
  return list ? list() : [{ name: 'cpu', bundled: true }];
}

/** 'bundled: false' providers (cuda) are shared libraries next to the binding, present only if installed. */
function providerInstalled(device: string): boolean {
  try {
    const binding = createRequire(import.meta.url).resolve('onnxruntime-node');
    const dir = join(dirname(binding), '..', 'bin', 'napi-v6', process.platform, process.arch);
    return existsSync(join(dir, `libonnxruntime_providers_${device}.so`)) || existsSync(join(dir, `onnxruntime_providers_${device}.dll`));
  } catch {
    return false;
  }
}

/** Per device, the execution providers (a CPU provider stays last so unsupported nodes can run there). */
const PROVIDERS: Record<string, string[]> = { cpu: ['cpu'], webgpu: ['webgpu', 'cpu'], cuda: ['cuda', 'cpu'] };

export interface OnnxRuntimeOptions extends BackendOptions {
  /** Run on the CPU, with a warning, when the requested device is missing (default: an error). */
  fallback?: boolean;
  intraOpNumThreads?: number;
}

/** One runtime (and so one compile cache) per configuration, kept across setBackend calls. */
const runtimes = new Map<string, ReturnType<typeof ortBackend>>();

registerBackend('onnxruntime', (opts: OnnxRuntimeOptions) => {
  if (!ort) throw new TesseraError(`setBackend('onnxruntime'): onnxruntime-node could not be loaded (${loadError}). Use setBackend('reference').`);
  const device = opts.device ?? 'cpu';
  if (!PROVIDERS[device]) throw unknownDevice(device, Object.keys(PROVIDERS));
  let chosen = device;
  if (device !== 'cpu') {
    const entry = supported().find((b) => b.name === device);
    const missing = !entry ? 'is not built into this onnxruntime-node'
      : !entry.bundled && !providerInstalled(device) ? `needs onnxruntime-node's ${device} libraries, which are not installed ` +
        '(they are downloaded by its install script, which .npmrc skips: onnxruntime-node-install=skip; ' +
        `set onnxruntime-node-install=${device} in .npmrc and reinstall on a machine with ${device.toUpperCase()})`
      : null;
    if (missing) {
      const msg = `setBackend('onnxruntime', { device: '${device}' }): the ${device} execution provider ${missing}. ` +
        `Available: ${supported().map((b) => b.name).join(', ')}.`;
      if (!opts.fallback) throw new TesseraError(`${msg} Pass { fallback: true } to run on the CPU instead.`);
      console.warn(`[tessera] ${msg} Running on the CPU (fallback: true).`);
      chosen = 'cpu';
    }
  }
  const threads = opts.intraOpNumThreads ?? availableParallelism();
  const cacheKey = `${chosen}/${threads}/${!!opts.fallback}`;
  const known = runtimes.get(cacheKey);
  if (known) return known;
  const runtime = new OrtRuntime(ort, {
    device: chosen as 'cpu' | 'webgpu' | 'cuda',
    executionProviders: PROVIDERS[chosen]!,
    intraOpNumThreads: threads,
    logCompiles: !!process.env['TESSERA_LOG_COMPILES'],
    profilePrefix: process.env['TESSERA_ORT_PROFILE'] || undefined,
    fallback: !!opts.fallback,
  });
  const backend = ortBackend(runtime);
  runtimes.set(cacheKey, backend);
  return backend;
}, { makeDefault: ort !== null });
