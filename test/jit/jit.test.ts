/** jit: traced once per signature, fresh inputs each call, donated buffers, random keys, memory. */
import { afterEach, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import type { OrtRuntime } from '../../src/backends/onnxruntime/runtime.js';

const runtime = (): OrtRuntime => (tsr.getBackend() as unknown as { runtime: OrtRuntime }).runtime;
const values = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as Float32Array);

afterEach(() => tsr.setBackend('reference'));

/** A small MLP's SGD step: params in, new params and the loss out. */
function sgdStep(p: { w: tsr.Tensor; b: tsr.Tensor }, x: tsr.Tensor, y: tsr.Tensor): { params: { w: tsr.Tensor; b: tsr.Tensor }; loss: tsr.Tensor } {
  const lossOf = (q: { w: tsr.Tensor; b: tsr.Tensor }): tsr.Tensor => tsr.tanh(tsr.matmul(x, q.w).add(q.b)).sub(y).square().mean();
  const [loss, g] = tsr.valueAndGrad(lossOf)(p);
  return { params: { w: p.w.sub(g.w.mul(0.1)), b: p.b.sub(g.b.mul(0.1)) }, loss };
}

function data(seed: number): { x: tsr.Tensor; y: tsr.Tensor } {
  const key = tsr.randomKey(seed);
  const [k1, k2] = tsr.splitKey(key);
  return { x: tsr.randomNormal([8, 3], { key: k1 }), y: tsr.randomUniform([8, 2], { key: k2, minval: -0.5, maxval: 0.5 }) };
}

describe('jit', () => {
  it('traces once per signature and matches the un-jitted function', async () => {
    tsr.setBackend('onnxruntime');
    const step = tsr.jit(sgdStep);
    const compiles = runtime().stats.compiles;
    let p = { w: tsr.tensor([[0.1, -0.2], [0.3, 0.1], [-0.1, 0.2]]), b: tsr.zeros([2]) };
    let q = p;
    for (let i = 0; i < 4; i++) {
      const { x, y } = data(i);
      const jitted = await step(p, x, y);
      tsr.setBackend('reference');
      const plain = sgdStep(q, x, y);
      tsr.setBackend('onnxruntime');
      expect(values(jitted.loss)[0]).toBeCloseTo(values(plain.loss)[0]!, 5);
      values(jitted.params.w).forEach((v, j) => expect(v).toBeCloseTo(values(plain.params.w)[j]!, 5));
      p = jitted.params;
      q = plain.params;
    }
    expect(runtime().stats.compiles - compiles).toBe(1);
    // A new batch size is a new signature.
    const x5 = tsr.ones([5, 3]);
    await step(p, x5, tsr.zeros([5, 2]));
    expect(runtime().stats.compiles - compiles).toBe(2);
  });

  it('reads variables at every call, not at trace time', async () => {
    tsr.setBackend('onnxruntime');
    const v = tsr.variable(tsr.tensor([1, 2]));
    const f = tsr.jit((x: tsr.Tensor) => x.mul(v));
    expect(values(await f(tsr.tensor([3, 3])))).toEqual([3, 6]);
    v.assign(tsr.tensor([10, 20]));
    expect(values(await f(tsr.tensor([3, 3])))).toEqual([30, 60]);
  });

  it('draws new random keys every call, the same sequence as without jit', async () => {
    tsr.setBackend('onnxruntime');
    const f = (x: tsr.Tensor): tsr.Tensor => tsr.dropout(x, 0.5);
    const x = tsr.ones([64]);
    tsr.setSeed(3);
    const jf = tsr.jit(f);
    const jitted = [values(await jf(x)), values(await jf(x)), values(await jf(x))];
    tsr.setSeed(3);
    const plain = [values(f(x)), values(f(x)), values(f(x))];
    expect(jitted).toEqual(plain);
    expect(jitted[0]).not.toEqual(jitted[1]);
  });

  it('donated arguments are disposed and their buffers reused for the outputs', async () => {
    tsr.setBackend('onnxruntime');
    const step = tsr.jit(sgdStep, { donate: [0] });
    let p = { w: tsr.tensor([[0.1, -0.2], [0.3, 0.1], [-0.1, 0.2]]), b: tsr.zeros([2]) };
    const { x, y } = data(1);
    const seen = new Set<unknown>();
    const first = p.w;
    let losses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const out = await step(p, x, y);
      seen.add(out.params.w._data);
      losses.push(values(out.loss)[0]!);
      p = out.params;
    }
    expect(() => first.dataSync()).toThrow(/disposed/);
    // Two buffers (plus the first call's) alternate: no new parameter buffer per step.
    expect(seen.size).toBeLessThanOrEqual(3);
    expect(losses[5]).toBeLessThan(losses[0]!);
    losses = [];
  });

  it('runs 1,000 steps with one compile and flat memory', async () => {
    tsr.setBackend('onnxruntime');
    const step = tsr.jit(sgdStep, { donate: [0] });
    let p = { w: tsr.randomNormal([3, 2], { key: tsr.randomKey(0) }), b: tsr.zeros([2]) };
    const { x, y } = data(2);
    for (let i = 0; i < 100; i++) p = (await step(p, x, y)).params;
    const compiles = runtime().stats.compiles;
    global.gc?.();
    const before = process.memoryUsage();
    for (let i = 0; i < 1000; i++) p = (await step(p, x, y)).params;
    global.gc?.();
    const after = process.memoryUsage();
    expect(runtime().stats.compiles - compiles).toBe(0);
    expect((after.heapUsed + after.arrayBuffers) - (before.heapUsed + before.arrayBuffers)).toBeLessThan(32 * 2 ** 20);
    expect(after.rss - before.rss).toBeLessThan(64 * 2 ** 20);
  });

  it('freezeAfter bakes unchanged variables into a second session, and drops it when one changes', async () => {
    tsr.setBackend('onnxruntime');
    const w = tsr.variable(tsr.tensor([[1, 2], [3, 4]]), { name: 'w' });
    const f = tsr.jit((x: tsr.Tensor) => tsr.matmul(x, w), { freezeAfter: 3 });
    const x = tsr.tensor([[1, 1]]);
    const sessions = (): number => (runtime() as unknown as { sessions: Map<string, unknown> }).sessions.size;
    const compiles = runtime().stats.compiles;
    for (let i = 0; i < 4; i++) expect(values(await f(x))).toEqual([4, 6]);
    // From the 3rd call reading the same value on, a frozen variant compiles beside the first.
    await new Promise((r) => setTimeout(r, 200));
    expect(runtime().stats.compiles - compiles).toBe(2);
    const withFrozen = sessions();
    expect(values(await f(tsr.tensor([[2, 0]])))).toEqual([2, 4]);
    // A new value is used at once (the frozen session is released, never stale).
    w.assign(tsr.tensor([[0, 1], [1, 0]]));
    expect(values(await f(x))).toEqual([1, 1]);
    expect(values(await f(tsr.tensor([[5, 7]])))).toEqual([7, 5]);
    expect(sessions()).toBe(withFrozen - 1);
  });

  it('on the reference backend just runs the function', async () => {
    const f = tsr.jit((a: tsr.Tensor) => a.mul(2));
    expect(values(await f(tsr.tensor([1, 2])))).toEqual([2, 4]);
  });
});
