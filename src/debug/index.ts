export { toOnnx, writeOnnx } from './to-onnx.js';
