/**
 * ONNX import of models exported by PyTorch (torch.onnx.export, opset 17, dynamic batch; made by
 * scripts/make_onnx_fixtures.py and committed with PyTorch's outputs): an MLP, a CNN with batch
 * norm, an LSTM, a bidirectional GRU and a Transformer encoder. The imported model gives PyTorch's
 * outputs, at other batch sizes too; fit lowers the loss; it saves, reloads and exports again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { OnnxModelBuilder } from '../../../src/backends/onnxruntime/model-builder.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'tessera-onnx-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Fixture {
  input: { shape: number[]; dtype: 'float32' | 'int64'; data: number[] };
  output: { shape: number[]; data: number[] };
}

const fixture = (name: string): Fixture => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('ONNX import of PyTorch exports', () => {
  for (const name of ['mlp', 'cnn_bn', 'lstm', 'gru', 'transformer']) {
    it(`${name}: PyTorch's outputs, any batch size, fine-tuning, save/load, export`, async () => {
      const f = fixture(name);
      const model = await tsr.loadOnnx(join(FIXTURES, `${name}.onnx`));
      const x = tsr.tensor(f.input.data, f.input.shape, f.input.dtype);
      const y = (await model.predict(x)) as tsr.Tensor;
      expect(y.shape).toEqual(f.output.shape);
      expect(maxDiff((await y.data()) as Float32Array, f.output.data)).toBeLessThan(1e-5);
      // The exporter's dynamic batch: the first two samples alone give the same rows.
      const two = (await model.predict(tsr.slice(x, 0, 2))) as tsr.Tensor;
      expect(maxDiff((await two.data()) as Float32Array, f.output.data.slice(0, 2 * f.output.shape[1]!))).toBeLessThan(1e-5);

      // Fine-tuning: every float initializer is a weight; fit towards a target lowers the loss.
      expect(model.trainableWeights.length).toBeGreaterThan(0);
      const target = tsr.add(y, 1);
      model.compile({ optimizer: tsr.optimizers.adam({ learningRate: 1e-2 }), loss: 'meanSquaredError' });
      const before = (await model.evaluate(x, target)) as number[];
      const history = await model.fit(x, target, { epochs: 5, batchSize: f.input.shape[0], verbose: 0 });
      const after = (await model.evaluate(x, target)) as number[];
      expect(after[0]!).toBeLessThan(before[0]!);
      expect(history.history['loss']!.length).toBe(5);

      // Saved and reloaded (the graph lives in the config), predictions identical; exported again to ONNX.
      const tuned = (await (await model.predict(x) as tsr.Tensor).data()) as Float32Array;
      await model.save(join(dir, name));
      const again = await tsr.loadModel(join(dir, name));
      expect(Array.from((await (await again.predict(x) as tsr.Tensor).data()) as Float32Array)).toEqual(Array.from(tuned));
      const session = await ort.InferenceSession.create(await model.toOnnx());
      const feed = f.input.dtype === 'int64'
        ? new ort.Tensor('int64', BigInt64Array.from(f.input.data, BigInt), f.input.shape)
        : new ort.Tensor('float32', Float32Array.from(f.input.data), f.input.shape);
      const out = await session.run({ [session.inputNames[0]!]: feed });
      expect(maxDiff(out[session.outputNames[0]!]!.data as Float32Array, tuned)).toBeLessThan(1e-5);
    });
  }

  it('names what it cannot read: not ONNX, a missing file, unsupported operators, truncation', async () => {
    await expect(tsr.loadOnnx(new Uint8Array([1, 2, 3, 4, 5]))).rejects.toThrow(/^loadOnnx: 'bytes' (is not an ONNX model|holds no graph)/);
    await expect(tsr.loadOnnx('/nonexistent/model.onnx')).rejects.toThrow(/nonexistent\/model\.onnx/);
    const b = new OnnxModelBuilder();
    const x = b.addInput([2, 3], 'float32');
    b.addOutput(b.node('Relu', [b.node('Einsum', [x], { equation: 'ij->ji' })]), [3, 2], 'float32');
    await expect(tsr.loadOnnx(b.build())).rejects.toThrow(/^loadOnnx: the graph uses operators Tessera does not import: Einsum\. Supported: .*Conv.*LSTM/);
    const mlp = readFileSync(join(FIXTURES, 'mlp.onnx'));
    await expect(tsr.loadOnnx(mlp.subarray(0, mlp.length - 40))).rejects.toThrow(/^loadOnnx: 'bytes'/);
  });
});
