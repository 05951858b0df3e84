/**
 * The ONNX Runtime backend itself: compile cache keyed by structure (data and scalars are inputs),
 * model validity, errors, devices. Op-by-op equality with the reference backend is in ops.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import * as tsr from '../../../src/index.js';
import { OrtRuntime, ortBackend } from '../../../src/backends/onnxruntime/runtime.js';
import type { Ort } from '../../../src/backends/onnxruntime/runtime.js';
import { lowerGraph } from '../../../src/backends/onnxruntime/lower.js';

const runtimeOf = (): OrtRuntime => (tsr.getBackend() as unknown as { runtime: OrtRuntime }).runtime;

afterEach(() => tsr.setBackend('reference'));

describe('onnxruntime backend', () => {
  it('every primitive has an ONNX lowering (random, which has no inputs, is computed on the host)', () => {
    const missing = [...tsr.registeredOps()]
      .filter(([name, op]) => !op.onnx && name !== 'random' && !name.startsWith('test.'))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('compiles a graph once and reuses it for new data and new scalars', async () => {
    tsr.setBackend('onnxruntime');
    const before = { ...runtimeOf().stats };
    const step = (x: tsr.Tensor, w: tsr.Tensor, lr: number): tsr.Tensor => tsr.matmul(x, w).mul(lr).add(w.sum());
    const outs: number[][] = [];
    for (let i = 0; i < 5; i++) {
      const x = tsr.tensor([[i, 1], [2, 3]]);
      const w = tsr.tensor([[1, i], [0, 1]]);
      outs.push(Array.from(await step(x, w, 0.5 * i).data() as Float32Array));
    }
    const after = runtimeOf().stats;
    expect(after.compiles - before.compiles).toBe(1);
    expect(after.hits - before.hits).toBe(4);
    // Same values as the reference interpreter.
    tsr.setBackend('reference');
    const x = tsr.tensor([[4, 1], [2, 3]]);
    const w = tsr.tensor([[1, 4], [0, 1]]);
    expect(outs[4]).toEqual(Array.from(step(x, w, 2).dataSync() as Float32Array));
  });

  it('recompiles when shapes or attributes change', async () => {
    tsr.setBackend('onnxruntime');
    const before = runtimeOf().stats.compiles;
    await tsr.tensor([1, 2, 3]).sum().data();
    await tsr.tensor([1, 2, 3, 4]).sum().data();
    await tsr.tensor([[1, 2], [3, 4]]).sum(0).data();
    await tsr.tensor([[1, 2], [3, 4]]).sum(1).data();
    expect(runtimeOf().stats.compiles - before).toBe(4);
  });

  it('feeds every dtype and reads it back (int64 as BigInt64Array, bool)', async () => {
    tsr.setBackend('onnxruntime');
    const i64 = tsr.tensor([1, -2, 2 ** 40], undefined, 'int64');
    expect(Array.from(await i64.add(i64).data() as BigInt64Array)).toEqual([2n, -4n, 2n ** 41n]);
    const b = tsr.tensor([true, false]);
    expect(Array.from(await tsr.logicalNot(b).data() as Uint8Array)).toEqual([0, 1]);
    const f64 = tsr.tensor([1e-300, 3], undefined, 'float64');
    expect(Array.from(await f64.mul(f64).data() as Float64Array)).toEqual([0, 9]);
    const i32 = tsr.tensor([7, -7], undefined, 'int32');
    expect(Array.from(await i32.sub(1).data() as Int32Array)).toEqual([6, -8]);
  });

  it('realize computes several tensors in one session run', async () => {
    tsr.setBackend('onnxruntime');
    const before = runtimeOf().stats.compiles;
    const x = tsr.tensor([1, 2, 3]);
    const a = x.mul(2);
    const b = a.sum();
    await tsr.realize([a, b]);
    expect(runtimeOf().stats.compiles - before).toBe(1);
    expect(a.isRealized && b.isRealized).toBe(true);
    expect(Array.from(a.dataSync() as Float32Array)).toEqual([2, 4, 6]);
    expect(b.item()).toBe(12);
  });

  it('dataSync still works (computed by the reference interpreter)', () => {
    tsr.setBackend('onnxruntime');
    expect(Array.from(tsr.tensor([1, 2]).mul(3).dataSync() as Float32Array)).toEqual([3, 6]);
  });

  it('random draws are computed on the host and equal the reference backend', async () => {
    tsr.setBackend('onnxruntime');
    const key = tsr.randomKey(7);
    const onOrt = await tsr.randomNormal([5], { key }).mul(2).data();
    tsr.setBackend('reference');
    expect(Array.from(onOrt as Float32Array)).toEqual(Array.from(tsr.randomNormal([5], { key }).mul(2).dataSync() as Float32Array));
  });

  it('names an op that has no lowering', async () => {
    const op = tsr.defineOp<Record<string, never>>({
      name: 'test.unlowered', infer: ([x]) => x!, kernel: ([x]) => x!.data, vjp: 'none',
    });
    tsr.setBackend('onnxruntime');
    await expect(tsr.applyOp(op, [tsr.tensor([1])], {}).data()).rejects.toThrow(/test\.unlowered: has no ONNX lowering yet/);
  });

  it('a failing run names the Tessera op (an index out of range)', async () => {
    tsr.setBackend('onnxruntime');
    const bad = tsr.gather(tsr.tensor([1, 2, 3]), tsr.tensor([0, 5], undefined, 'int32'));
    await expect(bad.data()).rejects.toThrow(/^gather: failed while running on ONNX Runtime: .*idx=5/);
  });

  it('rejects unknown devices and names what is missing for cuda', () => {
    expect(() => tsr.setBackend('onnxruntime', { device: 'tpu' as 'cpu' })).toThrow(/unknown device.*Received: device='tpu'/);
    const cudaInstalled = (() => { try { tsr.setBackend('onnxruntime', { device: 'cuda' }); return true; } catch { return false; } })();
    if (!cudaInstalled) {
      expect(() => tsr.setBackend('onnxruntime', { device: 'cuda' })).toThrow(/cuda execution provider needs .*Pass \{ fallback: true \}/);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      tsr.setBackend('onnxruntime', { device: 'cuda', fallback: true } as tsr.BackendOptions);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Running on the CPU/));
      warn.mockRestore();
    }
  });

  it('evicts the least recently used sessions beyond maxSessions, never pinned (jit) ones', async () => {
    const runtime = new OrtRuntime(ort as unknown as Ort, { device: 'cpu', executionProviders: ['cpu'], maxSessions: 2 });
    const x = tsr.tensor([1, 2, 3]);
    const pinned = lowerGraph([x.mul(2)]);
    const session = await runtime.session(pinned, true);
    for (const n of [1, 2, 3, 4]) await runtime.realize([tsr.tensor(new Array<number>(n).fill(1)).add(1)]);
    const feeds = pinned.leaves.map((l) => ({ dtype: l.dtype, data: l._data!, shape: l.shape })); // x and the scalar 2
    const [doubled] = await runtime.run(session, feeds, [{ dtype: 'float32', shape: [3] }]);
    expect(Array.from(doubled!)).toEqual([2, 4, 6]);
    const compiles = runtime.stats.compiles;
    await runtime.realize([tsr.tensor([1]).add(1)]); // evicted earlier: compiled again
    expect(runtime.stats.compiles).toBe(compiles + 1);
    await runtime.release();
  });

  it('logs compiles when asked (TESSERA_LOG_COMPILES)', async () => {
    const runtime = new OrtRuntime(ort as unknown as Ort, { device: 'cpu', executionProviders: ['cpu'], logCompiles: true });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await runtime.realize([tsr.tensor([1, 2]).add(1)]);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/\[tessera\] compile #1 on cpu: 1 ops, 2 inputs, 1 outputs, [\d.]+ ms/));
    log.mockRestore();
    expect(ortBackend(runtime).name).toBe('onnxruntime');
    await runtime.release();
  });
});

describe('debug.toOnnx', () => {
  it('writes a valid opset-17 model that ONNX Runtime runs to the same values', async () => {
    const f = (x: tsr.Tensor, w: tsr.Tensor): tsr.Tensor => tsr.relu(tsr.matmul(x, w)).sum(1);
    const x = tsr.tensor([[1, -2], [3, 4]]);
    const w = tsr.tensor([[0.5, -1], [1, 2]]);
    const bytes = tsr.debug.toOnnx(f, x, w);
    const model = onnxProto.onnx.ModelProto.decode(bytes);
    expect(Number(model.opsetImport![0]!.version)).toBe(17);
    expect(model.graph!.node!.map((n) => n.opType)).toEqual(expect.arrayContaining(['MatMul', 'Relu', 'ReduceSum']));
    const session = await ort.InferenceSession.create(bytes);
    const res = await session.run({ in0: new ort.Tensor('float32', x.dataSync() as Float32Array, [2, 2]), in1: new ort.Tensor('float32', w.dataSync() as Float32Array, [2, 2]) });
    expect(Array.from(res[session.outputNames[0]!]!.data as Float32Array)).toEqual(Array.from(f(x, w).dataSync() as Float32Array));
  });
});
