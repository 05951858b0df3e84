/**
 * Every recipe end to end on a tiny generated data set in its real layout, through the CLI:
 * the training loss falls and the report is complete.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { runCli } from '../../src/cli/main.js';
import { encodeWav } from '../../src/data/audio/wav.js';
import type { TrainReport } from '../../src/cli/train.js';

async function cli(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

async function train(recipe: string, data: string, ...extra: string[]): Promise<TrainReport> {
  const dir = mkdtempSync(join(tmpdir(), `recipe-${recipe}-`));
  return JSON.parse(await cli('train', recipe, '--data', data, '--out', join(dir, 'model'), '--json', ...extra)) as TrainReport;
}

const falls = (report: TrainReport): void => {
  const loss = report.history['loss']!;
  expect(loss[loss.length - 1]!).toBeLessThan(loss[0]!);
};

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const WORDS = { pos: ['great', 'good', 'lovely', 'fine', 'superb'], neg: ['bad', 'awful', 'poor', 'dull', 'boring'] };
function review(kind: 'pos' | 'neg', r: () => number): string {
  const filler = ['the', 'movie', 'was', 'a', 'film', 'plot', 'and', 'very'];
  return Array.from({ length: 8 }, (_, i) => (i % 3 === 1 ? WORDS[kind][Math.floor(r() * 5)] : filler[Math.floor(r() * filler.length)])).join(' ');
}

describe('recipes on tiny data in their real layouts', () => {
  it('tabular-mlp on a CSV (numeric and categorical columns)', async () => {
    const r = lcg(1);
    const rows = ['age,city,income,label'];
    for (let i = 0; i < 120; i++) {
      const age = 20 + Math.floor(r() * 50);
      const city = ['paris', 'lyon', 'nice'][i % 3]!;
      const income = Math.round(20 + r() * 80);
      rows.push(`${age},${city},${income},${income + (city === 'paris' ? 20 : 0) > 70 ? 'yes' : 'no'}`);
    }
    const file = join(mkdtempSync(join(tmpdir(), 'csv-')), 'people.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const report = await train('tabular-mlp', file, '--epochs', '8');
    falls(report);
    expect(report.classNames).toEqual(['no', 'yes']);
    expect(report.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(24);
  });

  it('recommender on MovieLens ratings.csv', async () => {
    const r = lcg(2);
    const lines = ['userId,movieId,rating,timestamp'];
    for (let u = 0; u < 20; u++) for (let m = 0; m < 15; m++) if (r() < 0.6) lines.push(`${u + 1},${100 + m},${((u % 2) === (m % 2) ? 4 : 2) + Math.round(r())},${1000 + u * 15 + m}`);
    const file = join(mkdtempSync(join(tmpdir(), 'ml-')), 'ratings.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const report = await train('recommender', file, '--epochs', '5');
    falls(report);
    // evaluate maps the file's ids onto the trained indices: the same file gives the same figures.
    const again = JSON.parse(await cli('evaluate', report.savedTo, '--data', file, '--json')) as TrainReport;
    expect(again.test['loss']).toBeCloseTo(report.test['loss']!, 5);
    expect(Object.keys(report.test)).toEqual(['loss', 'mean_absolute_error']);
    expect(report.confusionMatrix).toBeUndefined();
  });

  it('char-lstm on a text file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'corpus-')), 'text.txt');
    writeFileSync(file, 'the quick brown fox jumps over the lazy dog. '.repeat(40));
    const report = await train('char-lstm', file, '--epochs', '3', '--batch', '8');
    falls(report);
    expect(report.test['accuracy']).toBeGreaterThan(0.1);
    // Generation from a prompt: the asked length, characters of the corpus, reproducible by seed.
    const generated = JSON.parse(await cli('predict', report.savedTo, '--prompt', 'the qu', '--length', '20', '--temperature', '0.5', '--json')) as { text: string };
    expect(Array.from(generated.text)).toHaveLength(20);
    for (const ch of generated.text) expect('the quick brown fox jumps over the lazy dog. ').toContain(ch);
    expect(JSON.parse(await cli('predict', report.savedTo, '--prompt', 'the qu', '--length', '20', '--temperature', '0.5', '--json'))).toEqual(generated);
  });

  for (const recipe of ['text-rnn', 'text-transformer']) {
    it(`${recipe} on a folder per class of .txt files, and on a CSV`, async () => {
      const r = lcg(3);
      const dir = mkdtempSync(join(tmpdir(), `${recipe}-`));
      const csv = ['text,label'];
      for (const kind of ['neg', 'pos'] as const) {
        mkdirSync(join(dir, kind));
        for (let i = 0; i < 40; i++) {
          const text = review(kind, r);
          writeFileSync(join(dir, kind, `${i}.txt`), text);
          csv.push(`"${text}",${kind}`);
        }
      }
      const report = await train(recipe, dir, '--epochs', '4', '--batch', '16');
      falls(report);
      expect(report.classNames).toEqual(['neg', 'pos']);
      const [prediction] = JSON.parse(await cli('predict', report.savedTo, join(dir, 'pos', '0.txt'), '--json')) as { label: string; top: unknown[] }[];
      expect(['neg', 'pos']).toContain(prediction!.label);
      expect(prediction!.top).toHaveLength(2);
      writeFileSync(join(dir, 'reviews.csv'), csv.join('\n'));
      falls(await train(recipe, join(dir, 'reviews.csv'), '--epochs', '2', '--batch', '16'));
    });
  }

  it('image-folder-cnn on a folder per class of PNG files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'images-'));
    const r = lcg(4);
    for (const [cls, base] of [['blue', [20, 40, 200]], ['red', [210, 30, 20]]] as const) {
      mkdirSync(join(dir, cls));
      for (let i = 0; i < 10; i++) {
        const px = Buffer.alloc(20 * 20 * 3);
        for (let p = 0; p < px.length; p++) px[p] = Math.max(0, Math.min(255, base[p % 3]! + Math.round((r() - 0.5) * 60)));
        await sharp(px, { raw: { width: 20, height: 20, channels: 3 } }).png().toFile(join(dir, cls, `${i}.png`));
      }
    }
    const report = await train('image-folder-cnn', dir, '--epochs', '4', '--batch', '4', '--image-size', '16');
    falls(report);
    expect(report.classNames).toEqual(['blue', 'red']);
    expect(report.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('cifar10-cnn and cifar10-cnn-deep on CIFAR-10 binary batches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cifar-'));
    const r = lcg(5);
    const batch = (n: number) => {
      const out = Buffer.alloc(n * 3073);
      for (let k = 0; k < n; k++) {
        const label = k % 2;
        out[k * 3073] = label;
        for (let p = 0; p < 3072; p++) out[k * 3073 + 1 + p] = Math.round((label ? 180 : 60) + (r() - 0.5) * 80);
      }
      return out;
    };
    writeFileSync(join(dir, 'data_batch_1.bin'), batch(32));
    writeFileSync(join(dir, 'test_batch.bin'), batch(8));
    for (const recipe of ['cifar10-cnn', 'cifar10-cnn-deep']) {
      const report = await train(recipe, dir, '--epochs', '3', '--batch', '8');
      falls(report);
      expect(report.classNames![0]).toBe('airplane');
    }
  });

  it('speech-conv1d on a Speech Commands tree, and audio-autoencoder on its WAVs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speech-'));
    const r = lcg(6);
    const clip = (f: number) => Float32Array.from({ length: 16000 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * f * i) / 16000) + 0.05 * (r() - 0.5));
    const lists: string[] = [];
    for (const [word, f] of [['no', 300], ['yes', 1200]] as const) {
      mkdirSync(join(dir, word));
      for (let i = 0; i < 8; i++) {
        writeFileSync(join(dir, word, `s${i}_nohash_0.wav`), encodeWav({ sampleRate: 16000, channels: [clip(f * (1 + 0.05 * i))] }));
        if (i >= 6) lists.push(`${word}/s${i}_nohash_0.wav`);
      }
    }
    writeFileSync(join(dir, 'testing_list.txt'), lists.join('\n'));
    const report = await train('speech-conv1d', dir, '--epochs', '4', '--batch', '4');
    falls(report);
    expect(report.classNames).toEqual(['no', 'yes']);
    expect(report.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(4);
    const ae = await train('audio-autoencoder', dir, '--epochs', '5', '--batch', '4');
    falls(ae);
    expect(Object.keys(ae.test)).toEqual(['loss']);
  });
});
