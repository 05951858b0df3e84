/**
 * Where a benchmark model's time goes: trains it for --seconds with ONNX Runtime's profiler on,
 * then sums the per-node trace events of its training-step session by ONNX operator and by the
 * Tessera op that emitted the node (node names are '<tessera op>/<ONNX op>_<n>', model-builder.ts).
 *   npx tsx bench/profile.ts --model cnn32|cnn128|charlstm|transformer|conv3d|latency [--seconds 3] [--top 15]
 * The profiler re-launches this script with TESSERA_ORT_PROFILE set (the backend reads it at start).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TUNED_MALLOC_ENV } from '../src/node/tuned-malloc.js';

const { values: cli } = parseArgs({
  options: { model: { type: 'string', default: 'cnn32' }, seconds: { type: 'string', default: '3' }, top: { type: 'string', default: '15' }, threads: { type: 'string', default: '2' } },
});

interface TraceEvent { cat?: string; name?: string; dur?: number; args?: { op_name?: string } }

/** Sums `dur` of node events (the `_kernel_time` ones: the kernel itself, not its fence waits). */
function summarize(events: TraceEvent[]): { byOp: Map<string, number>; byTessera: Map<string, number>; byPair: Map<string, number>; total: number; runs: number } {
  const byOp = new Map<string, number>();
  const byTessera = new Map<string, number>();
  const byPair = new Map<string, number>();
  let total = 0;
  let runs = 0;
  for (const e of events) {
    if (e.cat === 'Session' && e.name === 'model_run') runs++;
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || e.dur === undefined) continue;
    const op = e.args?.op_name ?? '?';
    const tessera = e.name.includes('/') ? e.name.slice(0, e.name.indexOf('/')) : '(ORT-fused)';
    byOp.set(op, (byOp.get(op) ?? 0) + e.dur);
    byTessera.set(tessera, (byTessera.get(tessera) ?? 0) + e.dur);
    byPair.set(`${tessera} ${op}`, (byPair.get(`${tessera} ${op}`) ?? 0) + e.dur);
    total += e.dur;
  }
  return { byOp, byTessera, byPair, total, runs };
}

function table(title: string, m: Map<string, number>, total: number, runs: number, top: number): string {
  const rows = [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`${title}:`, ...rows.map(([k, us]) => `  ${k.padEnd(34)} ${(us / runs / 1000).toFixed(2).padStart(9)} ms/run  ${((100 * us) / total).toFixed(1).padStart(5)}%`)].join('\n');
}

if (!process.env['TESSERA_ORT_PROFILE']) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-profile-'));
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], {
    // With the malloc settings training runs with (relaunchWithTunedMalloc), so page faults of
    // freed and re-allocated buffers do not inflate the kernels' times.
    stdio: 'inherit', env: { ...process.env, ...TUNED_MALLOC_ENV, TESSERA_ORT_PROFILE: join(dir, 'session') },
  });
  if (child.status !== 0) process.exit(child.status ?? 1);
  // The biggest trace is the training step's (or the predict session's for --model latency).
  const files = readdirSync(dir).map((f) => join(dir, f)).map((f) => ({ f, events: JSON.parse(readFileSync(f, 'utf8')) as TraceEvent[] }));
  const main = files.map((x) => ({ ...x, s: summarize(x.events) })).sort((a, b) => b.s.total - a.s.total)[0];
  if (!main) throw new Error('profile: ONNX Runtime wrote no trace');
  const { byOp, byTessera, byPair, total, runs } = main.s;
  const top = Number(cli.top);
  console.log(`\n${cli.model}: ${runs} runs of the step session, ${(total / runs / 1000).toFixed(2)} ms of kernels per run`);
  console.log(table('by ONNX operator', byOp, total, runs, top));
  console.log(table('by Tessera op', byTessera, total, runs, top));
  console.log(table('by Tessera op and ONNX operator', byPair, total, runs, top));
  rmSync(dir, { recursive: true, force: true });
} else {
  const tsr = await import('../src/index.js');
  const { cnnBench, charLstmBench, conv3dBench, transformerBench, timeFit } = await import('./models.js');
  tsr.setBackend('onnxruntime', { intraOpNumThreads: Number(cli.threads) } as import('../src/index.js').BackendOptions);
  const seconds = Number(cli.seconds);
  const make = { cnn32: () => cnnBench(32), cnn128: () => cnnBench(128), charlstm: charLstmBench, transformer: transformerBench, conv3d: conv3dBench, latency: () => cnnBench(32) }[cli.model!];
  if (!make) throw new Error(`profile: unknown --model. Expected cnn32, cnn128, charlstm, transformer, conv3d or latency. Received: ${cli.model}`);
  const b = make();
  if (cli.model === 'latency') {
    const one = tsr.randomUniform([1, 28, 28, 1]);
    await b.model.predictOnBatch(one);
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) await b.model.predictOnBatch(one);
  } else {
    const r = await timeFit(b, seconds);
    console.log(`${cli.model}: ${r.perSecond.toFixed(1)} items/s with the profiler on`);
  }
  // Releasing the sessions writes their traces.
  await (tsr.getBackend() as unknown as { runtime: { release(): Promise<void> } }).runtime.release();
}
