import { describe, expect, it } from 'vitest';

describe('package', () => {
  it("can be imported as 'tessera' from the checkout (self-reference to the built dist/)", async () => {
    const tsr = await import('tessera');
    const a = tsr.tensor([[1, 2], [3, 4]]);
    expect(await a.matmul(a).sum().array()).toBe(54);
    // The default in Node is ONNX Runtime (onnxruntime-node loads from npm install alone).
    expect(tsr.getBackend().name).toBe('onnxruntime');
  });

  it('rejects unknown backends and devices with a clear message', async () => {
    const tsr = await import('../src/index.js');
    expect(() => tsr.setBackend('nope')).toThrow(/setBackend: unknown backend 'nope'. Available: (reference, onnxruntime|onnxruntime, reference)/);
    expect(() => tsr.setBackend('reference', { device: 'cuda' })).toThrow(/reference backend runs on the CPU only/);
    tsr.setBackend('reference');
  });
});
