/**
 * Tessera: deep learning for TypeScript (Node entry).
 *   import * as tsr from 'tessera';
 * Backends: 'onnxruntime' (onnxruntime-node; devices cpu, webgpu, cuda) and 'reference'.
 */
import './backends/onnxruntime/node.js';

export * from './api.js';
export { relaunchWithTunedMalloc, TUNED_MALLOC_ENV } from './node/tuned-malloc.js';
