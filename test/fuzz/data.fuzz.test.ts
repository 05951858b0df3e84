/**
 * Data-file fuzz: WAV (RIFF chunk sizes, fmt fields: format code, channels, rate, bits, block
 * align), IDX (type and rank bytes, big-endian dimensions), CIFAR binary (records, labels), CSV and
 * MovieLens ratings (quotes, delimiters, ragged rows, huge category counts), text corpora (invalid
 * UTF-8) and saved tokenizers (JSON). Each case decodes or throws a TesseraError, in bounded time and
 * memory; what decodes is checked against the size of the file it came from.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from '../../src/data/audio/wav.js';
import { parseCifarBinary } from '../../src/data/datasets/cifar.js';
import { parseIdx } from '../../src/data/datasets/idx.js';
import { loadCsv } from '../../src/data/tabular/csv.js';
import { parseRatings } from '../../src/data/tabular/ratings.js';
import { loadTextCorpus } from '../../src/data/text/corpus.js';
import { tokenizerFromJSON } from '../../src/data/text/from-json.js';
import { bpeTokenizer } from '../../src/data/text/bpe.js';
import { characterTokenizer, wordTokenizer } from '../../src/data/text/tokenizers.js';
import { expectBothOutcomes, fuzz, fuzzCases } from './harness.js';
import { jsonText, mutateBytes, mutateField, mutateJson, mutateSpans, randomBytes, type Field, type Json, type Rng, type Span } from './mutate.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-fuzz-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The RIFF chunks of a WAV file: each chunk's size field, the fmt fields, and the chunk spans. */
function riff(b: Uint8Array): { fields: Field[]; spans: Span[] } {
  const fields: Field[] = [{ at: 4, bytes: 4 }];
  const spans: Span[] = [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 12; at + 8 <= b.length;) {
    const size = view.getUint32(at + 4, true);
    fields.push({ at: at + 4, bytes: 4 });
    if (String.fromCharCode(...b.subarray(at, at + 4)) === 'fmt ') {
      // format code, channels, sample rate, byte rate, block align, bits per sample, cbSize
      for (const [off, bytes] of [[8, 2], [10, 2], [12, 4], [16, 4], [20, 2], [22, 2], [24, 2]] as const) fields.push({ at: at + off, bytes });
    }
    spans.push({ start: at, end: Math.min(b.length, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  return { fields, spans };
}

const wavSeeds = (['16', '8', '24', '32f', '64f'] as const).map((depth, i) => {
  const n = 64 + i * 7;
  const channels = Array.from({ length: 1 + (i % 3) }, (_, c) => Float32Array.from({ length: n }, (_, k) => Math.sin((k + c) / 5) * 0.8));
  return encodeWav({ sampleRate: 8000 + i, channels }, { bitDepth: depth === '16' || depth === '8' || depth === '24' ? Number(depth) as 8 | 16 | 24 : depth });
});

function idxSeed(type: number, dims: number[], bytesPer: number): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(4 + 4 * dims.length + count * bytesPer);
  const view = new DataView(out.buffer);
  out.set([0, 0, type, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count * bytesPer; i++) out[4 + 4 * dims.length + i] = (i * 37) & 0x7f;
  return out;
}
const idxSeeds = [idxSeed(0x08, [3, 4, 4], 1), idxSeed(0x08, [5], 1), idxSeed(0x0d, [2, 3], 4), idxSeed(0x0e, [2, 2, 2], 8), idxSeed(0x0b, [4], 2)];

const csvSeed = [
  'age,colour,height,"note, quoted",label',
  '31,red,1.80,"a ""b""",yes',
  '45,blue,1.65,,no',
  'NA,green,1.70,"multi',
  'line",yes',
  '22,red,?,x,no',
].join('\n');

describe('data file fuzz', () => {
  it('WAV: every mutated file decodes (samples within the data it holds) or throws a TesseraError', async () => {
    const stats = await fuzz('wav', { cases: fuzzCases(2000), caseTimeoutMs: 1000 }, (rng, i) => {
      const seed = wavSeeds[i % wavSeeds.length]!;
      const layout = riff(seed);
      const kind = rng.int(3);
      return kind === 0 ? mutateField(rng, seed, layout.fields) : kind === 1 ? mutateSpans(rng, seed, layout.spans) : mutateBytes(rng, seed);
    }, (bytes) => {
      const audio = decodeWav(bytes, 'fuzz.wav');
      const samples = audio.channels.reduce((n, c) => n + c.length, 0);
      expect(samples).toBeLessThanOrEqual(bytes.length);
      for (const c of audio.channels) for (const v of c) expect(Number.isFinite(v)).toBe(true);
    });
    expectBothOutcomes(stats);
  });

  it('IDX: every mutated file parses to exactly its declared shape or throws a TesseraError', async () => {
    const stats = await fuzz('idx', { cases: fuzzCases(2000), caseTimeoutMs: 1000 }, (rng, i) => {
      const seed = idxSeeds[i % idxSeeds.length]!;
      const dims: Field[] = Array.from({ length: seed[3]! }, (_, k) => ({ at: 4 + 4 * k, bytes: 4, bigEndian: true }));
      const kind = rng.int(3);
      return kind === 0 ? mutateField(rng, seed, [{ at: 2, bytes: 1 }, { at: 3, bytes: 1 }, ...dims]) : kind === 1 ? mutateField(rng, seed, dims) : mutateBytes(rng, seed);
    }, (bytes) => {
      const { shape, data } = parseIdx(bytes, 'fuzz.idx');
      expect(data.length).toBe(shape.reduce((a, b) => a * b, 1));
      expect(data.byteLength).toBeLessThanOrEqual(bytes.length);
    });
    expectBothOutcomes(stats);
  });

  it('CIFAR binary: every mutated file parses whole records with labels in range or throws a TesseraError', async () => {
    const record = (label: number, fill: number): Uint8Array => {
      const r = new Uint8Array(1 + 3072).fill(fill);
      r[0] = label;
      return r;
    };
    const seed = new Uint8Array(3 * 3073);
    [record(0, 10), record(9, 200), record(4, 77)].forEach((r, i) => seed.set(r, i * 3073));
    const spans = [0, 1, 2].map((i) => ({ start: i * 3073, end: (i + 1) * 3073 }));
    const stats = await fuzz('cifar', { cases: fuzzCases(400), caseTimeoutMs: 1000 }, (rng) => {
      const kind = rng.int(3);
      return kind === 0 ? mutateSpans(rng, seed, spans) : kind === 1 ? mutateField(rng, seed, spans.map((s) => ({ at: s.start, bytes: 1 as const }))) : mutateBytes(rng, seed);
    }, (bytes) => {
      const { pixels, labels } = parseCifarBinary(bytes, { labelBytes: 1, numClasses: 10, source: 'fuzz.bin' });
      expect(pixels.length).toBe(labels.length * 3072);
      for (const l of labels) expect(l >= 0 && l < 10).toBe(true);
    });
    expectBothOutcomes(stats);
  });

  it('CSV: every mutated table loads (features sized by its rows and categories) or throws a TesseraError', async () => {
    const stats = await fuzz('csv', { cases: fuzzCases(1500), caseTimeoutMs: 2000 }, (rng) => {
      let text = csvSeed;
      for (let k = 1 + rng.int(3); k > 0; k--) {
        const pieces = ['"', ',', '\n', '\r\n', '""', '\uFEFF', 'NA', '1e309', '-0', '\u0000', '\\', 'yes', ' '];
        const at = rng.int(text.length + 1);
        const edit = rng.int(4);
        if (edit === 0) text = text.slice(0, at) + rng.pick(pieces) + text.slice(at);
        else if (edit === 1) text = text.slice(0, at) + text.slice(at + 1 + rng.int(8));
        else if (edit === 2) text = new TextDecoder().decode(mutateBytes(rng, new TextEncoder().encode(text)));
        else text += Array.from({ length: rng.int(200) }, (_, r) => `\n${r},c${r},${r / 7},n${r},${rng.pick(['yes', 'no', 'maybe', ''])}`).join('');
      }
      return text;
    }, async (text) => {
      const data = await loadCsv(text, { text: true, label: 'label' });
      expect(data.features.shape[1]).toBe(data.featureNames.length);
    });
    expectBothOutcomes(stats);
  });

  it('CSV: a column of unique values does not make one-hot features quadratic in the rows', async () => {
    // 20,000 rows with a distinct id each: one-hot would be 20,000 × 20,000 floats (1.6 GB) from a 300 KB file.
    const text = ['id,x,label', ...Array.from({ length: 20_000 }, (_, r) => `u${r},${r % 7},${r % 2}`)].join('\n');
    await expect(loadCsv(text, { text: true, label: 'label' })).rejects.toThrow(/loadCsv: CSV text: one-hot encoding would make \d+ features per row.*column 'id' has 20000 categories.*columns: \{ id: 'ignore' \}/);
    const ok = await loadCsv(text, { text: true, label: 'label', columns: { id: 'ignore' } });
    expect(ok.features.shape).toEqual([20_000, 1]);
  });

  it('MovieLens ratings: every mutated file parses or throws a TesseraError', async () => {
    const seeds = [
      'userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n2,10,4.0,835355493\n',
      '1::1193::5::978300760\n1::661::3::978302109\n2::3068::4::978299000\n',
      '196\t242\t3\t881250949\n186\t302\t3\t891717742\n',
    ];
    const stats = await fuzz('ratings', { cases: fuzzCases(1000), caseTimeoutMs: 1000 }, (rng, i) => new TextDecoder().decode(mutateBytes(rng, new TextEncoder().encode(seeds[i % seeds.length]!))), (text) => {
      const r = parseRatings(text, { source: 'fuzz ratings' });
      expect(r.size).toBeGreaterThan(0);
    });
    expectBothOutcomes(stats);
  });

  it('text corpora: every mutated UTF-8 file loads or throws a TesseraError (invalid UTF-8 is refused)', async () => {
    const seed = new TextEncoder().encode('To be, or not to be: that is the question.\nWhether ’tis nobler — in the mind — to suffer 🙂\n');
    const path = join(dir, 'corpus.txt');
    const stats = await fuzz('text', { cases: fuzzCases(1000), caseTimeoutMs: 1000 }, (rng) => (rng.chance(0.2) ? randomBytes(rng, rng.int(200)) : mutateBytes(rng, seed)), async (bytes) => {
      writeFileSync(path, bytes);
      const corpus = await loadTextCorpus(path, { sequenceLength: 8 });
      expect(corpus.ids.length).toBeLessThanOrEqual(bytes.length);
    });
    expectBothOutcomes(stats);
  });

  it('saved tokenizers (JSON): every mutated one restores (and encodes) or throws a TesseraError', async () => {
    const texts = ['the cat sat on the mat', 'the dog ate the cat food', 'a bird in the hand'];
    const char = characterTokenizer();
    char.fit(texts.join(' '));
    const word = wordTokenizer();
    word.fit(texts.join(' '));
    const bpe = bpeTokenizer(texts, { vocabSize: 300 });
    const seeds = [char.toJSON(), word.toJSON(), bpe.toJSON()].map((j) => JSON.parse(JSON.stringify(j)) as Json);
    const stats = await fuzz('tokenizer-json', { cases: fuzzCases(1500), caseTimeoutMs: 2000 }, (rng, i) => {
      let v: Json = seeds[i % seeds.length]!;
      for (let k = 1 + rng.int(3); k > 0; k--) v = mutateJson(rng, v);
      return jsonText(v);
    }, (text) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return; // not JSON at all: the caller's JSON.parse refuses it, not the tokenizer
      }
      const t = tokenizerFromJSON(json as Parameters<typeof tokenizerFromJSON>[0]);
      const ids = t.encode('the cat ate');
      for (const id of ids) expect(Number.isInteger(id)).toBe(true);
    });
    expect(stats.refused).toBeGreaterThan(0);
  });
});
