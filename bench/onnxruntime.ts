/**
 * The ONNX Runtime backend against PyTorch CPU (and tfjs for the CNN), in one run:
 *   npx tsx bench/onnxruntime.ts [--threads 2] [--seconds 10] [--no-torch] [--no-tfjs]
 * - matmul 1024³ GFLOP/s;
 * - conv forward, dX and dW (batch 128, 32→64 channels, 3×3, 13×13) in ms;
 * - per-step overhead of a jitted training step over the session run it makes (same inputs);
 * - the seed MNIST CNN trained with a jitted Adam step, samples/s at batch 32 and 128.
 * PyTorch figures come from bench/torch_reference.py run with /usr/bin/python3 (Debian python3-torch).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import * as tsr from '../src/index.js';

import type { Tensor } from '../src/index.js';
import { makeJitTrainer, makeParams } from '../examples/seed-cnn.js';
import { tfjsCnnSamplesPerSecond } from './tfjs-cnn.js';

const { values: cli } = parseArgs({
  options: { threads: { type: 'string', default: '2' }, seconds: { type: 'string', default: '10' }, 'no-torch': { type: 'boolean' }, 'no-tfjs': { type: 'boolean' } },
});
const threads = Number(cli.threads);
const seconds = Number(cli.seconds);
// Large per-step buffers: keep glibc from returning them to the kernel every step (see tuned-malloc.ts).
tsr.relaunchWithTunedMalloc();
tsr.setBackend('onnxruntime', { intraOpNumThreads: threads } as tsr.BackendOptions);

/** Mean ms per call of an async function over `budget` seconds, after warm-ups. */
async function timeMs(fn: () => Promise<unknown>, budget: number, warmups = 3): Promise<number> {
  for (let i = 0; i < warmups; i++) await fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < budget * 1000 || n < 3) {
    await fn();
    n++;
  }
  return (performance.now() - t0) / n;
}

const short = Math.min(seconds, 3);
const results: Record<string, number> = {};

// --- matmul 1024³ -------------------------------------------------------------------------------
{
  const a = tsr.randomNormal([1024, 1024], { key: tsr.randomKey(1) });
  const b = tsr.randomNormal([1024, 1024], { key: tsr.randomKey(2) });
  const mm = tsr.jit((x: Tensor, y: Tensor) => tsr.matmul(x, y));
  const ms = await timeMs(() => mm(a, b), short);
  results['matmul_gflops'] = (2 * 1024 ** 3) / (ms / 1000) / 1e9;
}

// --- conv forward, dX, dW -----------------------------------------------------------------------
{
  const x = tsr.randomNormal([128, 13, 13, 32], { key: tsr.randomKey(3) });
  const w = tsr.randomNormal([3, 3, 32, 64], { key: tsr.randomKey(4) });
  const g = tsr.randomNormal([128, 11, 11, 64], { key: tsr.randomKey(5) });
  const fwd = tsr.jit((xi: Tensor, wi: Tensor) => tsr.conv2d(xi, wi));
  const dx = tsr.jit((xi: Tensor, wi: Tensor, gi: Tensor) => (tsr.vjp((t: Tensor) => tsr.conv2d(t, wi), xi)[1](gi) as Tensor[])[0]!);
  const dw = tsr.jit((xi: Tensor, wi: Tensor, gi: Tensor) => (tsr.vjp((t: Tensor) => tsr.conv2d(xi, t), wi)[1](gi) as Tensor[])[0]!);
  results['conv_fwd_ms'] = await timeMs(() => fwd(x, w), short);
  results['conv_dx_ms'] = await timeMs(() => dx(x, w, g), short);
  results['conv_dw_ms'] = await timeMs(() => dw(x, w, g), short);
}

// --- seed CNN: jitted training step, and its overhead over the bare session ---------------------
function batchOf(n: number, seed: number): { x: Tensor; y: Tensor } {
  return { x: tsr.randomUniform([n, 28, 28, 1], { key: tsr.randomKey(seed) }), y: tsr.randint([n], 0, 10, { key: tsr.randomKey(seed + 1) }) };
}

for (const batch of [32, 128]) {
  const trainer = makeJitTrainer(makeParams(0));
  const data = [0, 1].map((i) => batchOf(batch, 10 + 2 * i));
  let i = 0;
  const ms = await timeMs(() => trainer.step(data[i % 2]!.x, data[i++ % 2]!.y), seconds);
  results[`cnn_b${batch}_samples_per_s`] = batch / (ms / 1000);

  // What jit adds per step: the step's time minus the time spent inside InferenceSession.run
  // (timed by wrapping it), on the same inputs.
  const proto = (ort.InferenceSession as unknown as { prototype: { run: (...a: unknown[]) => Promise<unknown> } }).prototype;
  const original = proto.run;
  let inRun = 0;
  proto.run = async function (this: unknown, ...a: unknown[]) {
    const t = performance.now();
    try { return await original.apply(this, a); } finally { inRun += performance.now() - t; }
  };
  const steps = 50;
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) await trainer.step(data[s % 2]!.x, data[s % 2]!.y);
  const total = (performance.now() - t0) / steps;
  proto.run = original;
  results[`cnn_b${batch}_step_ms`] = total;
  results[`cnn_b${batch}_bare_session_ms`] = inRun / steps;
}

let torch: Record<string, number> | null = null;
if (!cli['no-torch'] && existsSync('/usr/bin/python3')) {
  try {
    const out = execFileSync('/usr/bin/python3', ['bench/torch_reference.py', '--threads', String(threads), '--seconds', String(seconds)], { encoding: 'utf8' });
    torch = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  } catch (e) {
    console.log(`PyTorch reference not run (${(e as Error).message.split('\n')[0]}); install python3-torch to compare.`);
  }
}
const tfjs: Record<number, number> = {};
if (!cli['no-tfjs']) for (const batch of [32, 128]) tfjs[batch] = await tfjsCnnSamplesPerSecond(batch, Math.min(seconds, 10));

const f = (v: number | undefined, d = 1): string => (v === undefined ? '–' : v.toFixed(d));
const ratio = (a: number | undefined, b: number | undefined): string => (a && b ? `${(a / b).toFixed(2)}×` : '–');
console.log(`\nTessera onnxruntime-node ${ort.env.versions.common}, ${threads} threads${torch ? `; PyTorch ${String(torch['torch'])}` : ''}`);
console.log('| measure | tessera | pytorch | tessera vs pytorch |');
console.log('| --- | --- | --- | --- |');
console.log(`| matmul 1024³ GFLOP/s | ${f(results['matmul_gflops'])} | ${f(torch?.['matmul_gflops'])} | ${ratio(results['matmul_gflops'], torch?.['matmul_gflops'])} |`);
for (const k of ['fwd', 'dx', 'dw']) {
  const ours = results[`conv_${k}_ms`];
  const theirs = torch?.[`conv_${k}_ms`];
  console.log(`| conv ${k} ms (lower is better) | ${f(ours, 2)} | ${f(theirs, 2)} | ${ratio(theirs, ours)} speed |`);
}
for (const batch of [32, 128]) {
  const ours = results[`cnn_b${batch}_samples_per_s`];
  console.log(`| seed CNN batch ${batch} samples/s | ${f(ours)} | ${f(torch?.[`cnn_b${batch}_samples_per_s`])} | ${ratio(ours, torch?.[`cnn_b${batch}_samples_per_s`])} (tfjs cpu ${f(tfjs[batch])}: ${ratio(ours, tfjs[batch])}) |`);
}
for (const batch of [32, 128]) {
  const step = results[`cnn_b${batch}_step_ms`]!;
  const bare = results[`cnn_b${batch}_bare_session_ms`]!;
  console.log(`jitted step overhead, batch ${batch}: ${step.toFixed(2)} ms per step, ${bare.toFixed(2)} ms of it inside session.run → ${((step / bare - 1) * 100).toFixed(1)}% (goal ≤ 5%)`);
}
