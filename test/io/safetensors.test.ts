import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from '../../src/io/safetensors.js';

function header(obj: unknown, data: Uint8Array = new Uint8Array()): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(obj));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('safetensors', () => {
  it('round-trips every dtype with metadata, in order', () => {
    const ts: [string, tsr.Tensor][] = [
      ['b', tsr.tensor([[1.5, -2], [3, 4]])],
      ['a', tsr.tensor([1, 2, 3], [3], 'int32')],
      ['c', tsr.tensor([2 ** 40, -5], [2], 'int64')],
      ['d', tsr.tensor([true, false])],
      ['e', tsr.tensor([0.1], [1], 'float64')],
    ];
    for (const [, t] of ts) t.dataSync();
    const bytes = encodeSafetensors(ts, { format: 'x' });
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual({ format: 'x' });
    expect([...tensors.keys()]).toEqual(['b', 'a', 'c', 'd', 'e']);
    for (const [name, t] of ts) {
      const got = tensors.get(name)!;
      expect(got.dtype).toBe(t.dtype);
      expect(got.shape).toEqual(t.shape);
      expect(got.arraySync()).toEqual(t.arraySync());
    }
  });

  it('reads F16 and BF16 as float32 (what PyTorch files often hold)', () => {
    // 1.0 = 0x3c00 (f16), -2.0 = 0xc000; bf16 1.0 = 0x3f80, 0.5 = 0x3f00.
    const f16 = new Uint8Array(new Uint16Array([0x3c00, 0xc000]).buffer);
    const bf16 = new Uint8Array(new Uint16Array([0x3f80, 0x3f00]).buffer);
    const data = new Uint8Array(8);
    data.set(f16, 0);
    data.set(bf16, 4);
    const { tensors } = decodeSafetensors(header({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] }, b: { dtype: 'BF16', shape: [2], data_offsets: [4, 8] } }, data));
    expect(tensors.get('h')!.arraySync()).toEqual([1, -2]);
    expect(tensors.get('b')!.arraySync()).toEqual([1, 0.5]);
  });

  it('rejects malformed files with a clear error naming the file', () => {
    const bad = (buf: Uint8Array, msg: RegExp): void => {
      expect(() => decodeSafetensors(buf, 'w.safetensors')).toThrow(SafetensorsError);
      expect(() => decodeSafetensors(buf, 'w.safetensors')).toThrow(msg);
    };
    bad(new Uint8Array(3), /fewer than the 8-byte header length/);
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 2n ** 60n, true);
    bad(huge, /exceeds/);
    const past = new Uint8Array(16);
    new DataView(past.buffer).setBigUint64(0, 100n, true);
    bad(past, /runs past the end/);
    bad(header('[1,2]'), /must be a JSON object/);
    bad(header({ x: { dtype: 'Q8', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)), /unsupported dtype/);
    bad(header({ x: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)), /invalid shape/);
    bad(header({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4)), /needs 8 bytes/);
    bad(header({ x: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, y: { dtype: 'F32', shape: [1], data_offsets: [2, 6] } }, new Uint8Array(8)), /contiguous/);
    bad(header({ x: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(8)), /cover 4 bytes but the data section has 8/);
    bad(header({ x: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(4)), /starts at byte 4/);
    bad(header({ x: { dtype: 'F32', shape: [1e9, 1e9, 1e9], data_offsets: [0, 4] } }, new Uint8Array(4)), /needs/);
    bad(header({ __metadata__: { a: 1 } }), /must be a string/);
  });
});
