/**
 * The ONNX model of a function, for reading in Netron: its tensor arguments become the graph's
 * inputs (in0, in1, … in the order of the arguments' tensors) and its tensor results the outputs.
 */
import { treeLeaves } from '../autograd/pytree.js';
import { withTracing } from '../core/engine.js';
import { TesseraError } from '../core/errors.js';
import { lowerGraph } from '../backends/onnxruntime/lower.js';

export function toOnnx(fn: (...args: never[]) => unknown, ...args: unknown[]): Uint8Array {
  const out = withTracing(() => (fn as (...a: unknown[]) => unknown)(...args));
  const outputs = treeLeaves(out).map((t) => t._resolve()).filter((t) => t._data === null);
  if (!outputs.length) throw new TesseraError('debug.toOnnx: the function computed nothing (its results were already computed tensors, or none)');
  return lowerGraph(outputs).build().bytes;
}

/** Writes `toOnnx(fn, ...args)` to `file` (Node). */
export async function writeOnnx(file: string, fn: (...args: never[]) => unknown, ...args: unknown[]): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, toOnnx(fn, ...args));
}
