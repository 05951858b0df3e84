/**
 * Every recipe end to end on a tiny generated data set in its real layout, through the CLI:
 * the training loss falls and the report is complete; `predict` answers sensibly where a recipe has it.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { runCli } from '../../src/cli/main.js';
import { decodeWav, encodeWav } from '../../src/data/audio/wav.js';
import { listRuns, readRun, type RunEvent } from '../../src/dashboard/index.js';
import type { TrainReport } from '../../src/cli/train.js';
import { exportsToOnnx } from '../helpers/exported-onnx.js';

async function cli(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

/** A command that must fail: exit code 1, nothing on stdout, one line `tessera: …` on stderr (returned). */
async function fails(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  expect(code).toBe(1);
  expect(out).toBe('');
  expect(err).toMatch(/^tessera: [^\n]+\n$/);
  return err;
}

async function train(recipe: string, data: string, ...extra: string[]): Promise<TrainReport> {
  const dir = mkdtempSync(join(tmpdir(), `recipe-${recipe}-`));
  const report = JSON.parse(await cli('train', recipe, '--data', data, '--out', join(dir, 'model'), '--json', ...extra)) as TrainReport;
  await exportsToOnnx(join(dir, 'model'));
  return report;
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
    // evaluate encodes with the schema saved in recipe.json: the same file gives the same figures.
    const saved = JSON.parse(readFileSync(join(report.savedTo, 'recipe.json'), 'utf8')) as { schema: { columns: { name: string }[] } };
    expect(saved.schema.columns.map((c) => c.name)).toEqual(['age', 'city', 'income']);
    const again = JSON.parse(await cli('evaluate', report.savedTo, '--data', file, '--json')) as TrainReport;
    expect(again.test['accuracy']).toBeCloseTo(report.test['accuracy']!, 6);

    // predict: one answer per data row, numbered as in the file (header = row 1); on this easily
    // separable rule the predictions mostly match the true labels.
    type RowPrediction = { file: string; row: number; label: string; probability: number; top: { label: string; probability: number }[] };
    const predictions = JSON.parse(await cli('predict', report.savedTo, file, '--json')) as RowPrediction[];
    expect(predictions).toHaveLength(120);
    const truth = rows.slice(1).map((r) => r.split(',')[3]);
    predictions.forEach((p, i) => {
      expect(p.file).toBe(file);
      expect(p.row).toBe(i + 2);
      expect(p.top.map((t) => t.label).sort()).toEqual(['no', 'yes']);
      expect(p.top[0]).toEqual({ label: p.label, probability: p.probability });
      expect(p.probability).toBeGreaterThanOrEqual(0.5);
      expect(p.top[0]!.probability + p.top[1]!.probability).toBeCloseTo(1, 5);
    });
    expect(predictions.filter((p, i) => p.label === truth[i]).length / 120).toBeGreaterThan(0.85);
    // Without the label column and in another column order: the same rows get the same answers.
    const unlabelled = join(dirname(file), 'new.csv');
    writeFileSync(unlabelled, ['income,city,age', ...rows.slice(1, 4).map((r) => { const [age, city, income] = r.split(','); return `${income},${city},${age}`; })].join('\n'));
    const fresh = JSON.parse(await cli('predict', report.savedTo, unlabelled, file, '--top', '1', '--json')) as RowPrediction[];
    expect(fresh).toHaveLength(123);
    fresh.slice(0, 3).forEach((p, i) => {
      expect(p).toMatchObject({ file: unlabelled, row: i + 2, label: predictions[i]!.label });
      expect(p.probability).toBeCloseTo(predictions[i]!.probability, 5);
      expect(p.top).toHaveLength(1);
    });
    expect(fresh[3]).toMatchObject({ file, row: 2 });
    expect((await cli('predict', report.savedTo, unlabelled)).split('\n')[0]).toMatch(/new\.csv row 2: (no|yes) [\d.]+%, (no|yes) [\d.]+%$/);
    // Rows that cannot be encoded as in training: the file, row and column, and what was there.
    const bad = join(dirname(file), 'bad.csv');
    writeFileSync(bad, 'age,city,income\n30,paris,50\n41,rome,60\n');
    expect(await fails('predict', report.savedTo, bad)).toBe(`tessera: tabular-mlp: '${bad}' row 3 column 'city' holds a category training did not see (lyon, nice, paris). Received: 'rome'\n`);
    writeFileSync(bad, 'age,city,income\n30,paris,fifty\n');
    expect(await fails('predict', report.savedTo, bad)).toBe(`tessera: loadCsv: '${bad}' row 2 column 'income' must be a number. Received: 'fifty'\n`);
    writeFileSync(bad, 'age,town,income\n30,paris,50\n');
    expect(await fails('predict', report.savedTo, bad)).toBe(`tessera: loadCsv: '${bad}' has no column 'city'. Received columns: age, town, income\n`);
    expect(await fails('predict', report.savedTo, '--user', '1')).toBe('tessera: predict: --user and --data are for recommender models, not tabular-mlp. Received: --user 1\n');
  });

  it('recommender on MovieLens ratings.csv', async () => {
    const r = lcg(2);
    const lines = ['userId,movieId,rating,timestamp'];
    for (let u = 0; u < 30; u++) for (let m = 0; m < 15; m++) if (r() < 0.7) lines.push(`${u + 1},${100 + m},${((u % 2) === (m % 2) ? 4 : 2) + Math.round(r())},${1000 + u * 15 + m}`);
    const file = join(mkdtempSync(join(tmpdir(), 'ml-')), 'ratings.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    // Enough steps to learn who likes what (< 1 s on this tiny file; the figures below hold for seeds 0-5).
    const report = await train('recommender', file, '--epochs', '30', '--batch', '16');
    falls(report);
    // evaluate maps the file's ids onto the trained indices: the same file gives the same figures.
    const again = JSON.parse(await cli('evaluate', report.savedTo, '--data', file, '--json')) as TrainReport;
    expect(again.test['loss']).toBeCloseTo(report.test['loss']!, 5);
    expect(Object.keys(report.test)).toEqual(['loss', 'mean_absolute_error']);
    expect(report.confusionMatrix).toBeUndefined();

    // predict --user: odd users like the even items and even users the odd ones (ratings 4-5, the
    // others 2-3). A user's top items are mostly the liked ones; --data leaves out those already rated.
    type Recommendation = { user: string; items: { item: string; rating: number }[] };
    const likes = (user: string, item: string) => (Number(user) - 1) % 2 === (Number(item) - 100) % 2;
    const rated = (user: string) => new Set(lines.slice(1).filter((l) => l.startsWith(`${user},`)).map((l) => l.split(',')[1]!));
    let liked = 0;
    let likedUnrated = 0;
    let slots = 0;
    const users = ['1', '2', '5', '6', '9', '10'];
    for (const user of users) {
      const all = JSON.parse(await cli('predict', report.savedTo, '--user', user, '--top', '15', '--json')) as Recommendation;
      expect(all.user).toBe(user);
      expect(all.items.map((i) => i.item).sort()).toEqual(Array.from({ length: 15 }, (_, m) => String(100 + m)));
      all.items.slice(1).forEach((it, k) => expect(it.rating).toBeLessThanOrEqual(all.items[k]!.rating));
      // The 7 best (7 or 8 items are liked) are nearly all liked ones.
      liked += all.items.slice(0, 7).filter((i) => likes(user, i.item)).length;
      const fresh = JSON.parse(await cli('predict', report.savedTo, '--user', user, '--data', file, '--json')) as Recommendation;
      const seen = rated(user);
      const unrated = all.items.filter((i) => !seen.has(i.item));
      // The same ranking, less the rated items, at most 10 (the default --top).
      expect(fresh.items.map((i) => i.item)).toEqual(unrated.slice(0, 10).map((i) => i.item));
      const n = unrated.filter((i) => likes(user, i.item)).length;
      likedUnrated += fresh.items.slice(0, n).filter((i) => likes(user, i.item)).length;
      slots += n;
    }
    expect(liked / (7 * users.length)).toBeGreaterThan(0.85);
    expect(likedUnrated / slots).toBeGreaterThan(0.8);
    expect(await cli('predict', report.savedTo, '--user', '1', '--top', '2')).toMatch(/^user 1: 2 items by predicted rating\n {2}\d+ {2}[\d.]+\n {2}\d+ {2}[\d.]+\n$/);
    expect(await fails('predict', report.savedTo, '--user', '42')).toBe("tessera: recommender: unknown user '42'; the model knows 30 users (1, 2, 3, 4, 5, …). Received: --user 42\n");
    expect(await fails('predict', report.savedTo)).toBe('tessera: predict: the recommender recipe recommends items to a user; pass --user <id>. Received: no --user\n');
    expect(await fails('predict', report.savedTo, '--user', '1', file)).toMatch(/^tessera: predict: the recommender recipe reads no input files/);
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
    // With the dashboard, the sample grid shows each test clip as a spectrogram picture with its sound.
    const runs = mkdtempSync(join(tmpdir(), 'speech-dashboard-'));
    let err = '';
    const code = await runCli(['train', 'speech-conv1d', '--data', dir, '--epochs', '1', '--batch', '4', '--out', join(runs, 'model'), '--json', '--dashboard'],
      { out: { write: () => true }, err: { write: (s: string) => (err += s) } });
    expect(code).toBe(0);
    expect(err).toMatch(/^dashboard: http:\/\/127\.0\.0\.1:\d+\//);
    const [run] = await listRuns(join(runs, 'dashboard'));
    const samples = (await readRun(join(runs, 'dashboard'), run!)).find((e) => e.type === 'samples') as Extract<RunEvent, { type: 'samples' }>;
    expect(samples.items).toHaveLength(4);
    for (const item of samples.items) {
      expect(item.image!.startsWith('data:image/png;base64,')).toBe(true);
      const wav = decodeWav(Uint8Array.from(Buffer.from(item.audio!.slice('data:audio/wav;base64,'.length), 'base64')));
      expect([wav.sampleRate, wav.channels[0]!.length]).toEqual([16000, 16000]);
    }
    const ae = await train('audio-autoencoder', dir, '--epochs', '5', '--batch', '4');
    falls(ae);
    expect(Object.keys(ae.test)).toEqual(['loss', 'variance', 'relative_error']);
    expect(ae.test['relative_error']).toBeCloseTo(ae.test['loss']! / ae.test['variance']!, 4);
  });
});
