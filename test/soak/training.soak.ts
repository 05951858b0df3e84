/**
 * Soak (npm run test:soak; not part of npm test): 10,000 training steps through model.fit on the
 * default backend (ONNX Runtime), with validation, evaluate, predict and save interleaved, must
 * hold RSS flat (< 5% growth after warm-up) and compile nothing after the first epoch (the session
 * cache stays bounded). Each run is a child process (train-child.ts) so that vitest's own memory
 * is not counted and glibc's malloc settings can differ: its defaults (a library user's script)
 * and the CLI's tuned ones (src/node/tuned-malloc.ts). The figures go to stdout and, with
 * SOAK_RECORD=<file>, to that file as Markdown rows.
 */
import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TUNED_MALLOC_ENV } from '../../src/node/tuned-malloc.js';
import type { SoakReport, SoakSample } from './train-child.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const STEPS = Number(process.env['SOAK_STEPS'] ?? 10_000);

/** Runs train-child.ts; `malloc` null runs it with glibc's defaults (an empty value would mean 0, not unset). */
function runChild(args: string[], malloc: Readonly<Record<string, string>> | null): Promise<SoakReport> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...malloc };
  if (!malloc) for (const k of Object.keys(TUNED_MALLOC_ENV)) delete env[k];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, 'train-child.ts'), ...args], {
      cwd: root, env, timeout: 900_000, maxBuffer: 64 * 1024 * 1024,
    }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`train-child ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as SoakReport);
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** RSS between 10% and 20% of the run (after warm-up) against RSS over its last 10%. */
function rssGrowth(samples: readonly SoakSample[], steps: number): { warm: number; end: number; growth: number } {
  const warm = median(samples.filter((s) => s.step >= 0.1 * steps && s.step <= 0.2 * steps).map((s) => s.rss));
  const end = median(samples.filter((s) => s.step >= 0.9 * steps).map((s) => s.rss));
  return { warm, end, growth: end / warm - 1 };
}

const MB = 1024 * 1024;
const mallocs: [string, Readonly<Record<string, string>> | null][] = [
  ['glibc defaults', null],
  ['tuned malloc', TUNED_MALLOC_ENV],
];
const models: [string, string[]][] = [
  ['mlp', ['--model', 'mlp', '--batch-size', '32']],
  ['cnn', ['--model', 'cnn', '--batch-size', '16']],
];

describe.each(models)('soak: %s, 10,000 steps of model.fit', (model, modelArgs) => {
  it.each(mallocs)('%s: RSS flat after warm-up, no compiles after the first epoch', async (mallocName, malloc) => {
    const report = await runChild([...modelArgs, '--steps', String(STEPS)], malloc);
    const { warm, end, growth } = rssGrowth(report.samples, STEPS);
    const after = report.samples.filter((s) => s.step > report.stepsPerEpoch);
    const maxSessions = Math.max(...report.samples.map((s) => s.sessions));
    const line = `| ${model} | ${mallocName} | ${report.steps} | ${(warm / MB).toFixed(1)} MB | ${(end / MB).toFixed(1)} MB | ` +
      `${(growth * 100).toFixed(2)}% | ${(report.steps / report.seconds).toFixed(0)} | ${report.seconds.toFixed(1)} s | ` +
      `${report.warmCompiles} | ${maxSessions} |`;
    console.log(`soak: ${line}`);
    if (process.env['SOAK_RECORD']) appendFileSync(process.env['SOAK_RECORD'], `${line}\n`);

    expect(report.backend).toBe('onnxruntime');
    expect(report.steps).toBe(STEPS);
    expect(report.evaluations).toBe(STEPS / report.stepsPerEpoch);
    expect(report.predictions).toBe(STEPS / report.stepsPerEpoch);
    expect(report.saves).toBe(1 + Math.floor(STEPS / report.stepsPerEpoch / 10));
    // The last save holds the final weights: reloaded, the model predicts exactly what it did.
    expect(report.reloadMaxDiff).toBe(0);
    expect(report.finalLoss).toBeLessThan(report.firstLoss);
    expect(growth).toBeLessThan(0.05);
    // The session cache: the train, validation/evaluate and predict graphs compile in the first
    // epoch and are reused for the other 9,900 steps; nothing is compiled or cached after that.
    expect(report.warmCompiles).toBeGreaterThan(0);
    expect(report.warmCompiles).toBeLessThanOrEqual(6);
    for (const s of after) {
      expect(s.compiles, `compiles at step ${s.step}`).toBe(report.warmCompiles);
      expect(s.sessions, `sessions at step ${s.step}`).toBe(report.warmCompiles);
    }
  });
});
