/**
 * safetensors fuzz: the header length field, the JSON header (dtypes, shapes, data_offsets, entries
 * duplicated or deleted, metadata) and the data section of a valid file are mutated; decoding must
 * return tensors that match their declared shapes or throw a SafetensorsError, never allocate more
 * than the file holds.
 */
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import * as tsr from '../../src/index.js';
import { expectBothOutcomes, fuzz, fuzzCases } from './harness.js';
import { jsonText, mutateBytes, mutateField, mutateJson, type Json, type Rng } from './mutate.js';

function seedFile(): Uint8Array {
  const ts: [string, tsr.Tensor][] = [
    ['dense/kernel', tsr.tensor([[1, -2, 3], [4, 5, -6]])],
    ['dense/bias', tsr.tensor([0.5, 0.25, 1], [3], 'float32')],
    ['steps', tsr.tensor([7, 8], [2], 'int64')],
    ['ids', tsr.tensor([1, 2, 3, 4], [2, 2], 'int32')],
    ['mask', tsr.tensor([true, false, true])],
  ];
  for (const [, t] of ts) t.dataSync();
  return encodeSafetensors(ts, { format: 'tessera-model' });
}

const seed = seedFile();
const headerLength = Number(new DataView(seed.buffer).getBigUint64(0, true));
const header = JSON.parse(new TextDecoder().decode(seed.subarray(8, 8 + headerLength))) as Json;
const data = seed.subarray(8 + headerLength);

/** A file with this header (its length field right, or forged) and data section. */
function assemble(h: string, body: Uint8Array, forgedLength?: number): Uint8Array {
  const json = new TextEncoder().encode(h);
  const out = new Uint8Array(8 + json.length + body.length);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(forgedLength ?? json.length)), true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}

function mutate(rng: Rng): Uint8Array {
  switch (rng.int(5)) {
    case 0: return mutateBytes(rng, seed);
    case 1: return mutateField(rng, seed, [{ at: 0, bytes: 8 }, { at: 0, bytes: 4 }, { at: 4, bytes: 4 }]);
    case 2: return assemble(JSON.stringify(header), mutateBytes(rng, data));
    default: {
      let h = header;
      for (let k = 1 + rng.int(3); k > 0; k--) h = mutateJson(rng, h);
      const text = jsonText(h);
      return assemble(text, rng.chance(0.8) ? data : mutateBytes(rng, data), rng.chance(0.1) ? rng.int(text.length * 2) : undefined);
    }
  }
}

describe('safetensors fuzz', () => {
  it('every mutated file decodes consistently or throws a SafetensorsError', async () => {
    const stats = await fuzz('safetensors', { cases: fuzzCases(3000), caseTimeoutMs: 1000 }, mutate, (bytes) => {
      const { tensors } = decodeSafetensors(bytes, 'fuzz.safetensors');
      let total = 0;
      for (const t of tensors.values()) {
        const n = t.shape.reduce((a, b) => a * b, 1);
        expect(t.dataSync().length).toBe(n);
        total += n;
      }
      // Nothing decoded is larger than the file that held it.
      expect(total).toBeLessThanOrEqual(bytes.length);
    });
    expectBothOutcomes(stats);
  });
});
