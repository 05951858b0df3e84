import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import * as tsr from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import type { TrainReport } from '../../src/cli/train.js';
import type { ExportReport } from '../../src/cli/export.js';
import type { BenchReport } from '../../src/cli/bench.js';
import { listRuns, readRun, type RunEvent } from '../../src/dashboard/index.js';
import { weightKeys } from '../../src/io/model-file.js';
import * as ort from 'onnxruntime-node';

/** Runs the CLI in this process with captured output. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('tessera CLI', () => {
  it('lists the recipes, as text and JSON', async () => {
    const text = await cli('recipes');
    expect(text.code).toBe(0);
    expect(text.out).toContain('mnist-cnn');
    const json = await cli('recipes', '--json');
    const list = JSON.parse(json.out) as { name: string; defaults: { epochs: number } }[];
    expect(list.map((r) => r.name)).toContain('mnist-cnn');
    expect(list[0]!.defaults.epochs).toBeGreaterThan(0);
  });

  it('answers --help on every command, and errors as one line with exit code 1', async () => {
    for (const argv of [['--help'], ['train', '--help'], ['recipes', '--help'], ['export', '--help'], ['evaluate', '--help'], ['predict', '--help'], ['bench', '--help'], ['dashboard', '--help']]) {
      const r = await cli(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: tessera/);
    }
    const unknown = await cli('train', 'no-such-recipe');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^tessera: unknown recipe 'no-such-recipe'. Available: mnist-cnn, .*\n$/);
    const bad = await cli('train', 'mnist-cnn', '--epochs', 'two');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--epochs must be an integer ≥ 1. Received: two');
    const missing = await cli('train', 'mnist-cnn', '--data', '/nonexistent/mnist', '--json');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^tessera: loadMnist: no train-images-idx3-ubyte\[\.gz\] file in '\/nonexistent\/mnist'\n$/);
    expect((await cli('frobnicate')).code).toBe(1);
  });

  it('trains mnist-cnn on part of the embedded digits: loss falls, report and saved model', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cli-train-')), 'model');
    const r = await cli('train', 'mnist-cnn', '--limit', '512', '--epochs', '2', '--out', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as TrainReport;
    const loss = report.history['loss']!;
    expect(loss).toHaveLength(2);
    expect(loss[1]!).toBeLessThan(loss[0]!);
    expect(report.test['accuracy']).toBeGreaterThan(0.5);
    expect(report.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(512);
    const diagonal = report.confusionMatrix!.reduce((a, row, i) => a + row[i]!, 0);
    expect(diagonal / 512).toBeCloseTo(report.test['accuracy']!, 6);
    expect(JSON.parse(readFileSync(join(out, 'recipe.json'), 'utf8')).recipe).toBe('mnist-cnn');
    const model = await tsr.loadModel(out);
    expect(model.name).toBe('mnist_cnn');

    // evaluate: the saved model on the same test digits gives the report's figures.
    const e = await cli('evaluate', out, '--limit', '512', '--json');
    expect(e.err).toBe('');
    const evaluation = JSON.parse(e.out) as TrainReport;
    expect(evaluation.test['accuracy']).toBeCloseTo(report.test['accuracy']!, 6);
    expect(evaluation.confusionMatrix).toEqual(report.confusionMatrix);

    // predict: two real test digits written as PNG files.
    const test = await tsr.data.loadMnist('data/mnist', 'test');
    const pixels = (await test.images.data()) as Float32Array;
    const dir = mkdtempSync(join(tmpdir(), 'cli-predict-'));
    const files = [0, 1].map((k) => join(dir, `${k}.png`));
    for (const k of [0, 1]) {
      const bytes = Buffer.from(Array.from(pixels.subarray(k * 784, (k + 1) * 784), (v) => Math.round(v * 255)));
      await sharp(bytes, { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(files[k]!);
    }
    const p = await cli('predict', out, ...files, '--top', '10', '--json');
    expect(p.err).toBe('');
    const rows = JSON.parse(p.out) as { file: string; label: string; probability: number; top: { label: string; probability: number }[] }[];
    expect(rows.map((r) => r.file)).toEqual(files);
    // The same answer as the model on the decoded digits, probabilities summing to 1.
    const scores = (await model.predict(tsr.slice(test.images, [0, 0, 0, 0], [2, -1, -1, -1]))) as tsr.Tensor;
    const expected = (await tsr.argmax(scores, -1).data()) as Int32Array;
    rows.forEach((r, k) => {
      expect(r.label).toBe(String(expected[k]));
      expect(r.top.reduce((a, t) => a + t.probability, 0)).toBeCloseTo(1, 4);
    });
    const text = await cli('predict', out, files[0]!);
    expect(text.out).toMatch(/0\.png: \d [\d.]+%, \d [\d.]+%, \d [\d.]+%\n$/);
    expect((await cli('predict', out, '--prompt', 'x')).err).toBe('tessera: the mnist-cnn recipe does not generate text; --prompt is for char-lstm\n');
    expect((await cli('predict', dir, files[0]!)).err).toMatch(/^tessera: '.*' is not a model saved by tessera train \(no readable recipe.json\)/);

    // export: ONNX with a dynamic batch, run by a plain ONNX Runtime session on the two digits; safetensors weights.
    const x = await test.images.slice([0, 0, 0, 0], [2, -1, -1, -1]).data() as Float32Array;
    const onnx = await cli('export', out, '--format', 'onnx', '--json');
    expect(onnx.err).toBe('');
    const exported = JSON.parse(onnx.out) as ExportReport;
    expect(exported.file).toBe(join(out, 'model.onnx'));
    expect(exported.inputs).toEqual([{ name: model.inputNames[0], shape: ['batch', 28, 28, 1], dtype: 'float32' }]);
    const session = await ort.InferenceSession.create(exported.file);
    const logits = (await session.run({ [exported.inputs[0]!.name]: new ort.Tensor('float32', x, [2, 28, 28, 1]) }))[exported.outputs[0]!]!;
    const want = (await scores.data()) as Float32Array;
    expect(logits.dims).toEqual([2, 10]);
    (logits.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 4));
    const fixed = await cli('export', out, '--format', 'onnx', '--batch', '4', '--out', join(dir, 'fixed.onnx'));
    expect(fixed.out).toMatch(/^ONNX model \(opset 17\) written to .*fixed\.onnx: [\d.]+ KiB, 8 weight tensors\ninputs: \w+ float32\[4, 28, 28, 1\]; outputs: \w+\n$/);
    const weights = await cli('export', out, '--format', 'safetensors', '--out', join(dir, 'w.safetensors'), '--json');
    const st = tsr.decodeSafetensors(readFileSync(join(dir, 'w.safetensors')));
    expect(st.tensors.size).toBe(JSON.parse(weights.out).weights);
    expect([...st.tensors.keys()]).toEqual(weightKeys(model.weights));
    expect((await cli('export', out, '--format', 'tflite')).err).toContain('--format must be onnx or safetensors. Received: tflite');
    expect((await cli('export', out)).err).toMatch(/required option '--format <format>' not specified/);
    expect((await cli('export', dir, '--format', 'onnx')).err).toMatch(/^tessera: loadModel: cannot read .*config\.json/);
  });

  it('bench measures training, prediction and batch-1 latency of a recipe on its data', async () => {
    const r = await cli('bench', 'mnist-cnn', '--seconds', '0.2', '--batch', '16', '--json');
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as BenchReport;
    expect(report).toMatchObject({ recipe: 'mnist-cnn', device: 'cpu', batchSize: 16 });
    expect(report.train.steps).toBeGreaterThanOrEqual(3);
    expect(report.train.samplesPerSecond).toBeCloseTo(report.train.steps * 16 / report.train.seconds, 6);
    expect(report.predict.samplesPerSecond).toBeGreaterThan(0);
    expect(report.latency.runs).toBeGreaterThanOrEqual(20);
    expect(report.latency.p90Ms).toBeGreaterThanOrEqual(report.latency.medianMs);
    const text = await cli('bench', '--seconds', '0.1');
    expect(text.out).toMatch(/^mnist-cnn on cpu \(\d+ threads\), batch 32, 0.1 s per figure\ntrain: +\d+ samples\/s .*\npredict: +\d+ samples\/s .*\nlatency: [\d.]+ ms median, [\d.]+ ms p90 at batch 1 \(\d+ runs\)\n$/);
    expect((await cli('bench', 'mnist-cnn', '--device', 'tpu')).err).toContain('--device must be cpu, webgpu or cuda. Received: tpu');
    expect((await cli('bench', 'text-rnn', '--seconds', '0.1')).err).toBe('tessera: text-rnn: pass --data <folder or file.csv>\n');
  });

  it('train --dashboard serves the run while it trains and stores it for `tessera dashboard`', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'cli-dashboard-'));
    const r = await cli('train', 'mnist-cnn', '--limit', '128', '--epochs', '2', '--out', join(runsDir, 'model'), '--json', '--dashboard', '--dashboard-dir', runsDir);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^dashboard: http:\/\/127\.0\.0\.1:\d+\/ \(run .*mnist-cnn\)\n$/);
    const runs = await listRuns(runsDir);
    expect(runs).toHaveLength(1);
    const events = await readRun(runsDir, runs[0]!);
    const report = JSON.parse(r.out) as TrainReport;
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e as { logs: Record<string, number> }).logs['loss'])).toEqual(report.history['loss']);
    // A classifier's run has the sample grid (digits as PNG pictures with their labels) and a confusion matrix per epoch.
    const samples = events.find((e) => e.type === 'samples') as Extract<RunEvent, { type: 'samples' }>;
    expect(samples.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(samples.items).toHaveLength(16);
    expect(samples.items.every((i) => i.image!.startsWith('data:image/png;base64,') && samples.classNames.includes(i.label))).toBe(true);
    const evaluations = events.filter((e) => e.type === 'evaluation') as Extract<RunEvent, { type: 'evaluation' }>[];
    expect(evaluations.map((e) => e.epoch)).toEqual([0, 1]);
    expect(evaluations[1]!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(128);
    expect(evaluations[1]!.predicted).toHaveLength(16);
  });

  it('bin/tessera runs the built CLI (exit codes through the process)', () => {
    const root = resolve(import.meta.dirname, '../..');
    if (!existsSync(join(root, 'dist/cli/bin.js'))) execFileSync('npm', ['run', 'build'], { cwd: root });
    const help = spawnSync(process.execPath, [join(root, 'bin/tessera'), '--help'], { encoding: 'utf8', env: { ...process.env, MALLOC_TRIM_THRESHOLD_: '0' } });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: tessera');
    const bad = spawnSync(process.execPath, [join(root, 'bin/tessera'), 'train', 'nope'], { encoding: 'utf8', env: { ...process.env, MALLOC_TRIM_THRESHOLD_: '0' } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^tessera: unknown recipe 'nope'. Available: mnist-cnn, /);
  });
});
