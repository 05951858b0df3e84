/**
 * Training through `model.fit` against PyTorch CPU and tfjs, in one run (issue: layers and training):
 *   npx tsx bench/fit.ts [--threads 2] [--seconds 10] [--no-torch] [--no-tfjs]
 * - the seed MNIST CNN (Keras layers, Adam, sparse cross-entropy), samples/s at batch 32 and 128;
 * - the char-LSTM LM (Embedding 64 → LSTM 256 → Dense 96, seq 64, batch 32), tokens/s;
 * - what `fit` adds over the compiled step: fit's time minus the time inside InferenceSession.run.
 * PyTorch figures come from bench/torch_reference.py --fit-only (Debian's python3-torch).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import * as tsr from '../src/index.js';
import { cnnBench, charLstmBench, timeFit, type BenchModel } from './models.js';
import { tfjsCnnSamplesPerSecond } from './tfjs-cnn.js';

const { values: cli } = parseArgs({
  options: { threads: { type: 'string', default: '2' }, seconds: { type: 'string', default: '10' }, 'no-torch': { type: 'boolean' }, 'no-tfjs': { type: 'boolean' } },
});
const threads = Number(cli.threads);
const seconds = Number(cli.seconds);
tsr.relaunchWithTunedMalloc();
tsr.setBackend('onnxruntime', { intraOpNumThreads: threads } as tsr.BackendOptions);

/** Time inside InferenceSession.run, to separate fit's own cost from the compiled step's. */
const proto = (ort.InferenceSession as unknown as { prototype: { run: (...a: unknown[]) => Promise<unknown> } }).prototype;
const originalRun = proto.run;
let inRun = 0;
proto.run = async function (this: unknown, ...a: unknown[]) {
  const t = performance.now();
  try { return await originalRun.apply(this, a); } finally { inRun += performance.now() - t; }
};

interface FitFigure { perSecond: number; overhead: number }

/** fit's items/s, and its time beyond the time inside InferenceSession.run. */
async function measure(b: BenchModel): Promise<FitFigure> {
  const { perSecond, ms } = await timeFit(b, seconds, () => { inRun = 0; });
  return { perSecond, overhead: ms / inRun - 1 };
}

const results: Record<string, FitFigure> = {};
for (const batch of [32, 128]) results[`cnn_b${batch}`] = await measure(cnnBench(batch));
results['lstm'] = await measure(charLstmBench());
proto.run = originalRun;

let torch: Record<string, number> | null = null;
if (!cli['no-torch'] && existsSync('/usr/bin/python3')) {
  try {
    const out = execFileSync('/usr/bin/python3', ['bench/torch_reference.py', '--fit-only', '--threads', String(threads), '--seconds', String(seconds)], { encoding: 'utf8' });
    torch = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  } catch (e) {
    console.log(`PyTorch reference not run (${(e as Error).message.split('\n')[0]}); install python3-torch to compare.`);
  }
}
const tfjs: Record<number, number> = {};
if (!cli['no-tfjs']) for (const batch of [32, 128]) tfjs[batch] = await tfjsCnnSamplesPerSecond(batch, Math.min(seconds, 10));

const f = (v: number | undefined, d = 1): string => (v === undefined ? '–' : v.toFixed(d));
const ratio = (a: number | undefined, b: number | undefined): string => (a && b ? `${(a / b).toFixed(2)}×` : '–');
console.log(`\nmodel.fit, Tessera onnxruntime-node ${ort.env.versions.common}, ${threads} threads${torch ? `; PyTorch ${String(torch['torch'])}` : ''}`);
console.log('| work | tessera fit | pytorch | tessera vs pytorch | tfjs cpu | fit overhead over the step |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const batch of [32, 128]) {
  const r = results[`cnn_b${batch}`]!;
  const t = torch?.[`cnn_b${batch}_samples_per_s`];
  console.log(`| seed CNN batch ${batch}, samples/s | ${f(r.perSecond)} | ${f(t)} | ${ratio(r.perSecond, t)} | ${f(tfjs[batch])} (${ratio(r.perSecond, tfjs[batch])}) | ${(r.overhead * 100).toFixed(1)}% |`);
}
const l = results['lstm']!;
console.log(`| char-LSTM seq 64 batch 32, tokens/s | ${f(l.perSecond)} | ${f(torch?.['lstm_tokens_per_s'])} | ${ratio(l.perSecond, torch?.['lstm_tokens_per_s'])} | – | ${(l.overhead * 100).toFixed(1)}% |`);
