/**
 * `tessera export <model> --format onnx`, then the file run by a plain onnxruntime-node session at
 * batch 3 (a size no trace used): the recipes' models all export with a working dynamic batch.
 */
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { ExportReport } from '../../src/cli/export.js';

export async function exportsToOnnx(model: string): Promise<void> {
  let out = '';
  let err = '';
  const code = await runCli(['export', model, '--format', 'onnx', '--json'], { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  expect(err).toBe('');
  expect(code).toBe(0);
  const report = JSON.parse(out) as ExportReport;
  const session = await ort.InferenceSession.create(report.file);
  expect([...session.inputNames]).toEqual(report.inputs.map((i) => i.name));
  const feeds = Object.fromEntries(report.inputs.map((i) => {
    const shape = [3, ...(i.shape.slice(1) as number[])];
    const size = shape.reduce((a, b) => a * b, 1);
    return [i.name, i.dtype === 'int32' ? new ort.Tensor('int32', new Int32Array(size), shape) : new ort.Tensor('float32', new Float32Array(size).fill(0.5), shape)];
  }));
  const result = await session.run(feeds);
  for (const name of report.outputs) {
    expect(result[name]!.dims[0]).toBe(3);
    expect(Array.from(result[name]!.data as Float32Array).every(Number.isFinite)).toBe(true);
  }
  await session.release();
}
