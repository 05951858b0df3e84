/**
 * ONNX Runtime in the browser (onnxruntime-web): devices 'wasm' (default; SIMD, threads where the
 * page is cross-origin isolated) and 'webgpu' (where navigator.gpu exists). Same lowering and
 * compile cache as Node (runtime.ts). Call `configureOnnxRuntimeWeb({ wasmPaths })` when the
 * .wasm files are not served next to the bundle.
 */
import * as ortWeb from 'onnxruntime-web';
import { registerBackend, type BackendOptions } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import { OrtRuntime, ortBackend, unknownDevice, type Ort } from './runtime.js';

const ort = ortWeb as unknown as Ort;

export function configureOnnxRuntimeWeb(opts: { wasmPaths?: string; numThreads?: number }): void {
  if (opts.wasmPaths !== undefined) ortWeb.env.wasm.wasmPaths = opts.wasmPaths;
  if (opts.numThreads !== undefined) ortWeb.env.wasm.numThreads = opts.numThreads;
}

export interface OnnxRuntimeWebOptions extends Omit<BackendOptions, 'device'> {
  device?: 'cpu' | 'wasm' | 'webgpu';
  /** Use wasm, with a warning, when WebGPU is missing (default: an error). */
  fallback?: boolean;
}

const runtimes = new Map<string, ReturnType<typeof ortBackend>>();

registerBackend('onnxruntime', (opts: BackendOptions) => {
  const o = opts as OnnxRuntimeWebOptions;
  let device = o.device === 'cpu' || o.device === undefined ? 'wasm' : o.device;
  if (device !== 'wasm' && device !== 'webgpu') throw unknownDevice(device, ['cpu', 'wasm', 'webgpu']);
  if (device === 'webgpu' && !(globalThis.navigator as { gpu?: unknown } | undefined)?.gpu) {
    const msg = "setBackend('onnxruntime', { device: 'webgpu' }): this browser has no WebGPU (navigator.gpu is missing).";
    if (!o.fallback) throw new TesseraError(`${msg} Pass { fallback: true } to run on wasm instead.`);
    console.warn(`[tessera] ${msg} Running on wasm (fallback: true).`);
    device = 'wasm';
  }
  const known = runtimes.get(device);
  if (known) return known;
  const backend = ortBackend(new OrtRuntime(ort, {
    device,
    executionProviders: device === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm'],
    fallback: !!o.fallback,
  }));
  runtimes.set(device, backend);
  return backend;
});
