/**
 * ONNX export: the exported inference graph, run by plain ONNX Runtime sessions — onnxruntime-node
 * and onnxruntime-web's WebAssembly build, nothing of Tessera's compiler in between — gives the
 * model's outputs at batch sizes other than the traced ones, for every model family the recipes use.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { FAMILIES, inputsFor } from '../helpers/model-families.js';
import { weightKeys } from '../../src/io/model-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-onnx-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the exported bytes in onnxruntime-node, or in onnxruntime-web's WebAssembly build (a second, separately built runtime). */
async function runOnnx(bytes: Uint8Array, names: string[], xs: Tensor[], runtime: 'node' | 'web' = 'node'): Promise<{ dims: readonly number[]; data: Float32Array }[]> {
  const rt = (runtime === 'node' ? ort : ortWeb) as typeof ort;
  const session = await rt.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  for (const [i, x] of xs.entries()) {
    const data = await x.data();
    feeds[names[i]!] = x.dtype === 'int32' ? new rt.Tensor('int32', data as Int32Array, x.shape) : new rt.Tensor('float32', data as Float32Array, x.shape);
  }
  const out = await session.run(feeds);
  const result = session.outputNames.map((n) => ({ dims: out[n]!.dims, data: out[n]!.data as Float32Array }));
  await session.release();
  return result;
}

describe('ONNX export', () => {
  for (const family of FAMILIES) {
    it(`${family.name}: plain ONNX Runtime sessions (Node, WebAssembly) give the model's outputs at batch 1 and 5`, async () => {
      tsr.setSeed(3);
      const model = family.build();
      if (family.fitFirst) {
        model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
        const xs = inputsFor(model, 8, family.intRange, 40);
        const out = (await model.predict(xs.length === 1 ? xs[0]! : xs)) as Tensor;
        await model.fit(xs.length === 1 ? xs[0]! : xs, tsr.add(out, 1), { epochs: 1, batchSize: 8, verbose: 0 });
      }
      const file = join(dir, `${family.name.replace(/\W+/g, '_')}.onnx`);
      const bytes = await model.toOnnx(file);
      expect(Array.from(readFileSync(file))).toEqual(Array.from(bytes));
      const decoded = onnxProto.onnx.ModelProto.decode(bytes);
      expect(decoded.graph!.input!.map((i) => i.name)).toEqual(model.inputNames);
      expect(decoded.graph!.output!.map((o) => o.name)).toEqual(model.outputNames);
      expect(decoded.graph!.input![0]!.type!.tensorType!.shape!.dim![0]!.dimParam).toBe('batch');
      // Every weight is an initializer under its safetensors key.
      const initializers = new Set(decoded.graph!.initializer!.map((t) => t.name));
      expect(weightKeys(model.weights).filter((k) => !initializers.has(k))).toEqual([]);
      for (const batch of [1, 5]) {
        const xs = inputsFor(model, batch, family.intRange, 7 + batch);
        const want = (await model.predict(xs.length === 1 ? xs[0]! : xs)) as Tensor;
        const w = (await want.data()) as Float32Array;
        for (const runtime of ['node', 'web'] as const) {
          const [got] = await runOnnx(bytes, model.inputNames, xs, runtime);
          expect(got!.dims).toEqual(want.shape);
          const maxError = got!.data.reduce((m, v, i) => Math.max(m, Math.abs(v - w[i]!)), 0);
          expect(maxError).toBeLessThan(1e-5);
        }
      }
    });
  }

  it('a fixed-batch export declares its batch size', async () => {
    const model = FAMILIES[0]!.build();
    const bytes = await model.toOnnx(undefined, { dynamicBatch: false, batchSize: 2 });
    const decoded = onnxProto.onnx.ModelProto.decode(bytes);
    expect(Number(decoded.graph!.input![0]!.type!.tensorType!.shape!.dim![0]!.dimValue)).toBe(2);
    const xs = inputsFor(model, 2, undefined, 1);
    const [got] = await runOnnx(bytes, model.inputNames, xs);
    expect(got!.dims).toEqual([2, 3]);
  });

  it('names what it needs: an unbuilt model, unknown sizes, a bad batch size', async () => {
    const L = tsr.layers;
    const unbuilt = tsr.sequential([L.dense({ units: 2 })]);
    await expect(unbuilt.toOnnx()).rejects.toThrow(/not built yet/);
    const ragged = tsr.sequential([L.embedding({ inputDim: 10, outputDim: 4, inputShape: [null] }), L.lstm({ units: 3 })]);
    await expect(ragged.toOnnx()).rejects.toThrow("input 'input_1' has an unknown size at axis 1; pass inputShapes with the sizes to export. Received: [null, null]");
    const bytes = await ragged.toOnnx(undefined, { inputShapes: [[null, 4]] });
    expect(bytes.length).toBeGreaterThan(0);
    await expect(FAMILIES[0]!.build().toOnnx(undefined, { dynamicBatch: false, batchSize: 0 })).rejects.toThrow('batchSize must be an integer ≥ 1. Received: 0');
  });
});
