/**
 * Keras fuzz: `.keras` archives (zip fields forged — sizes, counts, offsets, CRCs, name lengths —,
 * entries deleted, duplicated or swapped, zip-bomb members, unsafe names, config.json edited
 * structurally, the HDF5 weights damaged) and tf.keras 2 `.h5` files (bytes damaged). Loading must
 * give a model or a TesseraError naming the file, in bounded time and memory, and never run code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { fixture, makeZip, type ZipEntry } from '../io/keras/helpers.js';
import { expectBothOutcomes, fuzz, fuzzCases, LONG_RUN, FUZZ_TEST_TIMEOUT } from './harness.js';
import { jsonText, mutateBytes, mutateField, mutateJson, mutateSpans, type Json, type Rng } from './mutate.js';
import { zipLayout } from './zip.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-fuzz-keras-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => tsr.setBackend('reference'));

const SEEDS = ['cnn.keras', 'functional.keras', 'lstm.keras', 'nested.keras'];
const archives = SEEDS.map((name) => {
  const members = unzipSync(readFileSync(fixture(name)));
  return {
    metadata: members['metadata.json']!,
    config: JSON.parse(new TextDecoder().decode(members['config.json']!)) as Json,
    weights: members['model.weights.h5']!,
  };
});
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function entries(a: (typeof archives)[number], config: Uint8Array, weights: Uint8Array, deflate: boolean): ZipEntry[] {
  return [
    { name: 'metadata.json', data: a.metadata },
    { name: 'config.json', data: config, deflate },
    { name: 'model.weights.h5', data: weights, deflate },
  ];
}

function mutateKeras(rng: Rng, index: number): Uint8Array {
  const a = archives[index % archives.length]!;
  const deflate = rng.chance(0.5);
  const config = text(JSON.stringify(a.config));
  switch (rng.int(8)) {
    case 0:
    case 1:
    case 2: {
      let c = a.config;
      for (let k = 1 + rng.int(3); k > 0; k--) c = mutateJson(rng, c);
      return makeZip(entries(a, text(jsonText(c)), a.weights, deflate));
    }
    case 3: return makeZip(entries(a, config, mutateBytes(rng, a.weights), deflate));
    case 4: {
      const zip = makeZip(entries(a, config, a.weights, deflate));
      return mutateField(rng, zip, zipLayout(zip).fields);
    }
    case 5: {
      const zip = makeZip(entries(a, config, a.weights, deflate));
      return mutateSpans(rng, zip, zipLayout(zip).spans);
    }
    case 6: {
      // Forged members: a zip bomb (honest or lying size), unsafe names, duplicates, many entries.
      const list = entries(a, config, a.weights, deflate);
      const kind = rng.int(4);
      if (kind === 0) list.push({ name: 'assets/bomb.bin', data: new Uint8Array(rng.pick([1 << 20, 8 << 20])), deflate: true, declaredSize: rng.chance(0.5) ? 0x7fffffff : undefined });
      else if (kind === 1) list.push({ name: rng.pick(['../x', '/etc/passwd', 'a\\b', 'C:/x', 'config.json', 'model.weights.h5', '']), data: text('x') });
      else if (kind === 2) list[2] = { ...list[2]!, declaredSize: rng.pick([0, 1, 0x7fffffff, 0xffffffff, a.weights.length + 1]), crc: rng.chance(0.5) ? 0 : undefined };
      else for (let k = rng.pick([50, 2000]); k > 0; k--) list.push({ name: `assets/${k}`, data: text('') });
      return makeZip(list, rng.chance(0.2) ? { count: rng.pick([0, 1, 65535]) } : {});
    }
    default: return mutateBytes(rng, makeZip(entries(a, config, a.weights, deflate)));
  }
}

const H5_SEEDS = ['cnn.h5', 'functional.h5'].map((name) => new Uint8Array(readFileSync(fixture(name))));

let n = 0;
function file(bytes: Uint8Array, ext: string): string {
  const path = join(dir, `case${n++ % 4}${ext}`);
  writeFileSync(path, bytes);
  return path;
}

async function load(path: string): Promise<void> {
  try {
    // A damaged file can loop the HDF5 library: its worker is stopped well within the case limit.
    const model = await tsr.loadKerasModel(path, { maxBytes: 64 * 2 ** 20, timeoutMs: 3000 });
    expect(model.weights.length).toBeGreaterThan(0);
  } catch (e) {
    if (e instanceof tsr.TesseraError) expect(e.message).toContain(path);
    throw e;
  }
}

describe('Keras fuzz', () => {
  it('.keras archives: every mutated archive loads or throws a TesseraError naming the file', async () => {
    const stats = await fuzz('keras', { cases: fuzzCases(250), caseTimeoutMs: LONG_RUN ? 10_000 : 5_000 }, mutateKeras, (bytes) => load(file(bytes, '.keras')));
    expectBothOutcomes(stats);
  }, FUZZ_TEST_TIMEOUT);

  it('.h5 model files: every damaged file loads or throws a TesseraError naming the file', async () => {
    const stats = await fuzz('keras-h5', { cases: fuzzCases(120), caseTimeoutMs: LONG_RUN ? 10_000 : 5_000 }, (rng, i) => {
      const seed = H5_SEEDS[i % H5_SEEDS.length]!;
      return rng.chance(0.7) ? mutateBytes(rng, seed) : mutateSpans(rng, seed, [{ start: 0, end: 96 }, { start: 96, end: 2048 }, { start: 2048, end: seed.length >> 1 }]);
    }, (bytes) => load(file(bytes, '.h5')));
    expect(stats.refused).toBeGreaterThan(0);
    // The reader still works afterwards (h5wasm's in-memory file system is not left broken).
    expect((await tsr.loadKerasModel(fixture('cnn.h5'))).layers).toHaveLength(6);
  }, FUZZ_TEST_TIMEOUT);

  it('a file that looped the HDF5 library (fuzz case 408 of FUZZ_SCALE=5) is refused, and a reader past timeoutMs is stopped', async () => {
    const t0 = performance.now();
    await expect(tsr.loadKerasModel(fixture('loops-hdf5.h5'))).rejects.toThrow(/loops-hdf5\.h5: .*the HDF5 file is damaged/);
    expect(performance.now() - t0).toBeLessThan(10_000);
    // The worker reading the file is terminated at the limit (here before it can finish a valid file).
    await expect(tsr.loadKerasModel(fixture('cnn.h5'), { timeoutMs: 1 })).rejects.toThrow(/did not finish reading the file within 1 ms and was stopped/);
    await expect(tsr.loadKerasModel(fixture('cnn.h5'), { timeoutMs: 0 })).rejects.toThrow('timeoutMs must be > 0. Received: timeoutMs=0');
  });

  it('the total a config declares is bounded, not only each size (constant initializers allocate at once)', async () => {
    // 8 Dense layers of 16,384 units with zeros kernels: each size is within the limit, the total 7.5 GiB.
    const c = structuredClone(archives[0]!.config) as { config: { layers: Json[] } };
    const dense = (i: number): Json => ({ class_name: 'Dense', config: { name: `big${i}`, units: 16384, kernel_initializer: 'zeros', bias_initializer: 'ones' } });
    c.config.layers.splice(c.config.layers.length - 1, 0, ...Array.from({ length: 8 }, (_, i) => dense(i)));
    const path = file(makeZip(entries(archives[0]!, text(JSON.stringify(c)), archives[0]!.weights, false)), '.keras');
    const before = process.memoryUsage().arrayBuffers;
    await expect(tsr.loadKerasModel(path)).rejects.toThrow(/the config declares \d+ weights of \d+ bytes in all, over the byte limit of 4294967296 \(option maxBytes\)/);
    await expect(tsr.loadKerasModel(path, { maxBytes: 2 ** 20 })).rejects.toThrow(/over the byte limit of 1048576 \(option maxBytes\)/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });
});
