/**
 * The benchmark suite (issue: performance): every row its machine can run, Tessera against its
 * reference, each figure the median of --runs runs (Tessera and reference runs alternate, so both
 * see the same machine), and the ratio against the goal.
 *   npm run bench -- [--runs 5] [--seconds 5] [--threads 2] [--only cnn32,latency] [--write]
 * PyTorch rows need Debian's python3-torch (bench/torch_suite.py), the browser rows Chromium
 * (bench/browser.ts); --write puts the table into
 * BENCHMARKS.md between its suite markers.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import * as tsr from '../src/index.js';
import { cnnBench, charLstmBench, conv3dBench, timeFit, transformerBench, type BenchModel } from './models.js';
import { tfjsCnnSamplesPerSecond } from './tfjs-cnn.js';
import { browserBench, CHROMIUM, type BrowserFigures } from './browser.js';

const { values: cli } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' }, seconds: { type: 'string', default: '5' }, threads: { type: 'string', default: '2' },
    only: { type: 'string' }, write: { type: 'boolean' },
  },
});
const runs = Number(cli.runs);
const seconds = Number(cli.seconds);
const threads = Number(cli.threads);
tsr.relaunchWithTunedMalloc();
tsr.setBackend('onnxruntime', { intraOpNumThreads: threads } as tsr.BackendOptions);

function torchAvailable(): string | null {
  try {
    return execFileSync('/usr/bin/python3', ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
const torchVersion = torchAvailable();

/**
 * A PyTorch figure from a child process. Speed rows run in this process's environment — the tuned
 * glibc malloc settings included, which PyTorch profits from as much as Tessera (its Conv3D step is
 * several times faster with them) — so both sides run under the same conditions. The memory row
 * runs PyTorch in a default environment: the tuned settings keep freed memory mapped, which is
 * what they are for, and would inflate PyTorch's peak several times over.
 */
function torchFigure(row: string, defaultMalloc = false): number {
  const env = { ...process.env };
  if (defaultMalloc) for (const k of Object.keys(env)) if (k.startsWith('MALLOC_')) delete env[k];
  const out = execFileSync('/usr/bin/python3', ['bench/torch_suite.py', '--row', row, '--seconds', String(seconds), '--threads', String(threads)], { encoding: 'utf8', env });
  return (JSON.parse(out.trim().split('\n').pop()!) as { value: number }).value;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Row {
  key: string;
  work: string;
  unit: string;
  reference: string;
  /** The goal on tessera/reference (higher is better unless `lowerIsBetter`). */
  goal: number | null;
  lowerIsBetter?: boolean;
  tessera: () => Promise<number>;
  ref: (() => Promise<number>) | null;
}

const fitRow = (key: string, work: string, unit: string, goal: number, make: () => BenchModel): Row => {
  let bench: BenchModel | null = null;
  return {
    key, work, unit, reference: 'PyTorch CPU', goal,
    tessera: async () => (await timeFit((bench ??= make()), seconds)).perSecond,
    ref: torchVersion ? async () => torchFigure(key) : null,
  };
};

/** Median batch-1 latency (ms) of `run` over `seconds / 2` after warm-up. */
async function latencyMs(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const times: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < (seconds * 1000) / 2 || times.length < 50) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return median(times);
}

const latencyModel = cnnBench(32).model;
const one = tsr.randomUniform([1, 28, 28, 1], { key: tsr.randomKey(9) });
let bare: ort.InferenceSession | null = null;

/**
 * The browser rows: one page session (bench/browser.ts) alternates the three sides run by run;
 * the rows then hand out its figures one run at a time.
 */
let browserFigures: Promise<BrowserFigures> | null = null;
const browserRun = (side: (f: BrowserFigures) => string) => {
  let i = 0;
  return async (): Promise<number> => {
    browserFigures ??= browserBench({ runs, seconds, threads, log: (l) => process.stderr.write(`${l}\n`) });
    const f = await browserFigures;
    const name = side(f);
    const xs = f.runs[name];
    if (!xs) throw new Error(`bench: the browser side '${name}' did not run: ${f.skipped[name] ?? 'unknown reason'}`);
    return xs[i++ % xs.length]!;
  };
};
const browserRow = (key: string, backend: 'webgl' | 'cpu'): Row => {
  const tessera = browserRun((f) => Object.keys(f.runs).find((k) => k.startsWith('tessera'))!);
  return {
    key, work: `seed CNN fit, batch 32, headless Chromium: onnxruntime-web wasm (${threads} threads) against tfjs in the same browser`,
    unit: 'samples/s', reference: `tfjs 4.22 ${backend}${backend === 'webgl' ? ' (SwiftShader: no GPU)' : ''}`, goal: null,
    tessera, ref: browserRun(() => `tfjs 4.22 ${backend}`),
  };
};

const ROWS: Row[] = [
  fitRow('cnn32', 'seed CNN fit, batch 32', 'samples/s', 1.2, () => cnnBench(32)),
  fitRow('cnn128', 'seed CNN fit, batch 128', 'samples/s', 1.2, () => cnnBench(128)),
  fitRow('charlstm', 'char-LSTM fit (Emb 64 → LSTM 256 → Dense 96, seq 64, batch 32)', 'tokens/s', 2.0, charLstmBench),
  fitRow('transformer', 'Transformer encoder classifier (d 128, 4 heads, seq 128, batch 32)', 'samples/s', 1.2, transformerBench),
  fitRow('conv3d', 'Conv3D video classifier (16×64×64×3, batch 8)', 'samples/s', 1.0, conv3dBench),
  {
    key: 'latency', work: 'seed CNN inference, batch 1', unit: 'ms (median)', reference: 'bare ORT session on the exported model', goal: 1.05, lowerIsBetter: true,
    tessera: () => latencyMs(() => latencyModel.predictOnBatch(one)),
    ref: async () => {
      bare ??= await ort.InferenceSession.create(await latencyModel.toOnnx(), { intraOpNumThreads: threads, interOpNumThreads: 1 });
      const session = bare;
      const feed = { [session.inputNames[0]!]: new ort.Tensor('float32', (await one.data()) as Float32Array, [1, 28, 28, 1]) };
      return latencyMs(() => session.run(feed));
    },
  },
  {
    key: 'rss', work: 'peak RSS training the seed CNN (batch 32)', unit: 'MB', reference: 'PyTorch CPU', goal: 1.0, lowerIsBetter: true,
    tessera: async () => {
      const out = execFileSync('npx', ['tsx', 'bench/rss-child.ts', '--seconds', String(seconds), '--threads', String(threads)], { encoding: 'utf8' });
      return Number(out.trim().split('\n').pop()) / 2 ** 20;
    },
    ref: torchVersion ? async () => torchFigure('rss', true) / 2 ** 20 : null,
  },
  {
    key: 'tfjs', work: 'seed CNN fit, batch 32, against tfjs 4.22 cpu', unit: 'samples/s', reference: 'tfjs 4.22 cpu', goal: null,
    tessera: async () => (await timeFit(cnnBench(32), seconds)).perSecond,
    ref: () => tfjsCnnSamplesPerSecond(32, seconds),
  },
  ...(existsSync(CHROMIUM) ? [browserRow('browser', 'webgl'), browserRow('browser-cpu', 'cpu')] : []),
];

const selected = ROWS.filter((r) => !cli.only || cli.only.split(',').includes(r.key));
const lines: string[] = [];
const fmt = (v: number | null): string => (v === null ? '–' : v >= 100 ? v.toFixed(0) : v.toPrecision(3));
for (const row of selected) {
  const t: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < runs; i++) {
    t.push(await row.tessera());
    if (row.ref) r.push(await row.ref());
  }
  const tm = median(t);
  const rm = r.length ? median(r) : null;
  const ratio = rm ? tm / rm : null;
  const met = ratio === null || row.goal === null ? '' : (row.lowerIsBetter ? ratio <= row.goal : ratio >= row.goal) ? 'met' : '**not met**';
  const goal = row.goal === null ? 'report' : `${row.lowerIsBetter ? '≤' : '≥'} ${row.goal}×`;
  const line = `| ${row.work} | ${row.unit} | ${fmt(tm)} (${fmt(Math.min(...t))}–${fmt(Math.max(...t))}) | ${row.reference}: ${rm === null ? 'not available' : `${fmt(rm)} (${fmt(Math.min(...r))}–${fmt(Math.max(...r))})`} | ${ratio === null ? '–' : `${ratio.toFixed(2)}×`} | ${goal} ${met} |`;
  lines.push(line);
  process.stderr.write(`${line}\n`);
}
const header = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${threads} threads; Node ${process.version}, onnxruntime-node ${ort.env.versions.common}` +
    `${torchVersion ? `, PyTorch ${torchVersion}` : ', PyTorch not installed'}; ${new Date().toISOString().slice(0, 10)}; median of ${runs} runs of ${seconds} s (range in brackets).`,
  '',
  '| work | unit | Tessera | reference | ratio | goal |',
  '| --- | --- | --- | --- | --- | --- |',
];
const table = [...header, ...lines].join('\n');
console.log(`\n${table}`);
if (cli.write) {
  const file = 'BENCHMARKS.md';
  const text = readFileSync(file, 'utf8');
  const begin = '<!-- suite:begin -->';
  const end = '<!-- suite:end -->';
  const previous = new RegExp(`${begin}([\\s\\S]*?)${end}`).exec(text)?.[1] ?? null;
  let body: string;
  if (cli.only && previous) {
    // --only with --write replaces just its rows (matched by work and reference) and says so.
    const rowKey = (l: string): string => l.split('|').slice(1, 5).filter((_, i) => i !== 2).map((c) => c.trim().split(':')[0]).join('|');
    const fresh = new Map(lines.map((l) => [rowKey(l), l]));
    const kept = previous.trim().split('\n').map((l) => (l.startsWith('| ') && fresh.has(rowKey(l)) ? fresh.get(rowKey(l))! : l));
    for (const [k, l] of fresh) if (!kept.some((x) => x.startsWith('| ') && rowKey(x) === k)) kept.push(l);
    body = [...kept, '', `Rows ${cli.only} re-run on ${new Date().toISOString().slice(0, 10)}: \`npm run bench -- --only ${cli.only} --runs ${runs} --seconds ${seconds} --threads ${threads}\`.`].join('\n');
  } else {
    body = `\`npm run bench -- --runs ${runs} --seconds ${seconds} --threads ${threads}\`\n\n${table}`;
  }
  const block = `${begin}\n${body}\n${end}`;
  writeFileSync(file, text.includes(begin) ? text.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), block) : text.replace(/\n## /, `\n## The suite (issue: performance)\n\n${block}\n\n## `));
}
