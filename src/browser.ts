/**
 * Tessera for the browser (ESM bundle entry): the same API as in Node, with onnxruntime-web.
 *   import * as tsr from 'tessera/browser';
 */
export { configureOnnxRuntimeWeb, type OnnxRuntimeWebOptions } from './backends/onnxruntime/web.js';

export * from './api.js';
