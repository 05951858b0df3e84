/**
 * The browser row of the suite: the seed CNN trained at batch 32 in one headless Chromium page by
 * Tessera (dist-browser bundle, onnxruntime-web wasm with --threads threads: the page is served
 * cross-origin isolated so that SharedArrayBuffer, and with it wasm threads, is available) and by
 * TensorFlow.js 4.22 (webgl where the browser gives it a context — SwiftShader, on the CPU, on a
 * machine without a GPU — and cpu). Runs alternate between the sides; each figure is a median.
 * --webgpu adds Tessera on onnxruntime-web's WebGPU provider (Chromium's SwiftShader adapter where
 * there is no GPU: a check that the training step runs there, not a speed figure).
 *   npx tsx bench/browser.ts [--runs 5] [--seconds 5] [--threads 2] [--webgpu]
 * Needs Chromium (apt-get install chromium; CHROMIUM_PATH to use another).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import type { BrowserRun } from './browser-program.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface BrowserFigures {
  userAgent: string;
  crossOriginIsolated: boolean;
  threads: number;
  /** samples/s of each run, per side: 'tessera (wasm, 2 threads)', 'tfjs webgl', 'tfjs cpu'. */
  runs: Record<string, number[]>;
  /** Sides that could not run, with why. */
  skipped: Record<string, string>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.map': 'application/json' };

/** Static files from `routes` (URL prefix → folder), every response cross-origin isolated (COOP + COEP). */
async function serve(routes: Record<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(routes).find((p) => path.startsWith(p));
    const file = prefix === undefined ? null : resolve(routes[prefix]!, path.slice(prefix.length));
    if (!file || !file.startsWith(routes[prefix!]! + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>Tessera browser benchmark</title><link rel="icon" href="data:,">
<script type="module">
  import * as tsr from '/dist/tessera.js';
  import * as tf from '/tfjs/tf.fesm.min.js';
  import { tesseraCnn, tfjsCnn } from '/bench/browser-program.js';
  window.__bench = { tsr, tf, tesseraCnn, tfjsCnn };
</script>`;

interface BenchWindow {
  __bench?: {
    tsr: typeof import('../src/api.js') & { configureOnnxRuntimeWeb(o: { wasmPaths?: string; numThreads?: number }): void };
    tf: Parameters<typeof import('./browser-program.js').tfjsCnn>[0];
    tesseraCnn: typeof import('./browser-program.js').tesseraCnn;
    tfjsCnn: typeof import('./browser-program.js').tfjsCnn;
  };
  __run?: Record<string, () => Promise<BrowserRun>>;
}

export async function browserBench(opts: { runs: number; seconds: number; threads: number; webgpu?: boolean; log?: (s: string) => void }): Promise<BrowserFigures> {
  const log = opts.log ?? (() => {});
  if (!existsSync(CHROMIUM)) throw new Error(`bench/browser: Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const { buildBrowser } = (await import(pathToFileURL(join(root, 'scripts/build-browser.mjs')).href)) as { buildBrowser(outdir?: string): Promise<{ outdir: string }> };
  const scratch = mkdtempSync(join(tmpdir(), 'tessera-browser-bench-'));
  const dist = join(scratch, 'dist');
  await buildBrowser(dist);
  await esbuild.build({ entryPoints: [join(root, 'bench/browser-program.ts')], outfile: join(scratch, 'bench/browser-program.js'), bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'warning' });
  writeFileSync(join(scratch, 'bench/page.html'), PAGE);
  const { server, origin } = await serve({ '/dist/': dist, '/bench/': join(scratch, 'bench'), '/tfjs/': join(root, 'node_modules/@tensorflow/tfjs/dist') });
  // No --disable-gpu: WebGL then runs on SwiftShader (software) where there is no GPU, as a user's
  // browser without one would.
  const webgpuArgs = opts.webgpu ? ['--enable-unsafe-webgpu'] : [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', ...webgpuArgs, '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
  try {
    const tesseraSide = `tessera (onnxruntime-web wasm, ${opts.threads} threads)`;
    const sides: [string, string][] = [[tesseraSide, 'tessera'], ...(opts.webgpu ? [['tessera (onnxruntime-web webgpu)', 'tessera-webgpu'] as [string, string]] : []),
      ['tfjs 4.22 webgl', 'webgl'], ['tfjs 4.22 cpu', 'cpu']];
    // One tab per side: each has its own module instances, so its own backend (and session cache).
    const tabs = new Map<string, Page>();
    const skipped: Record<string, string> = {};
    let info = { userAgent: '', crossOriginIsolated: false };
    for (const [name, kind] of sides) {
      log(`bench/browser: setting up ${name}`);
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(`${origin}/bench/page.html`);
      await tab.waitForFunction(() => (window as BenchWindow).__bench !== undefined, undefined, { timeout: 120_000 }).catch(() => {
        throw new Error(`bench/browser: the page did not load: ${errors.join('; ') || 'no error reported'}`);
      });
      info = await tab.evaluate(() => ({ userAgent: navigator.userAgent, crossOriginIsolated: self.crossOriginIsolated }));
      const error = await tab.evaluate(async ({ kind, threads, seconds }) => {
        const w = window as BenchWindow;
        const b = w.__bench!;
        w.__run ??= {};
        try {
          if (kind === 'tessera' || kind === 'tessera-webgpu') {
            b.tsr.configureOnnxRuntimeWeb({ wasmPaths: '/dist/', numThreads: threads });
            if (kind === 'tessera-webgpu') {
              const adapter = await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter();
              if (!adapter) return 'no WebGPU adapter in this browser';
            }
            b.tsr.setBackend('onnxruntime', kind === 'tessera-webgpu' ? { device: 'webgpu' } : {});
            w.__run[kind] = await b.tesseraCnn(b.tsr, 32, seconds);
          } else {
            // tfjs cpu takes seconds per step: one step a run, whatever the time budget.
            w.__run[kind] = await b.tfjsCnn(b.tf, kind, 32, kind === 'cpu' ? 0 : seconds, kind === 'cpu' ? 1 : 2);
          }
          return null;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      }, { kind, threads: opts.threads, seconds: opts.seconds });
      if (error) {
        skipped[name] = error;
        await tab.close();
      } else tabs.set(kind, tab);
    }
    const runs: Record<string, number[]> = {};
    for (let i = 0; i < opts.runs; i++) {
      for (const [name, kind] of sides) {
        if (skipped[name]) continue;
        const tab = tabs.get(kind)!;
        await tab.bringToFront(); // a background tab's timers are throttled
        const r = await tab.evaluate((k) => (window as BenchWindow).__run![k]!(), kind);
        (runs[name] ??= []).push(r.samplesPerSecond);
        log(`bench/browser: run ${i + 1} ${name}: ${r.steps} steps in ${r.seconds.toFixed(1)} s → ${r.samplesPerSecond.toFixed(1)} samples/s`);
      }
    }
    return { ...info, threads: opts.threads, runs, skipped };
  } finally {
    await browser.close();
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values: cli } = parseArgs({ options: { runs: { type: 'string', default: '5' }, seconds: { type: 'string', default: '5' }, threads: { type: 'string', default: '2' }, webgpu: { type: 'boolean' } } });
  const figures = await browserBench({ runs: Number(cli.runs), seconds: Number(cli.seconds), threads: Number(cli.threads), webgpu: cli.webgpu ?? false, log: console.log });
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;
  console.log(`\n${figures.userAgent}; crossOriginIsolated ${figures.crossOriginIsolated}`);
  for (const [side, xs] of Object.entries(figures.runs)) console.log(`${side}: median ${median(xs).toFixed(1)} samples/s (${xs.map((x) => x.toFixed(1)).join(', ')})`);
  for (const [side, why] of Object.entries(figures.skipped)) console.log(`${side}: not run: ${why}`);
}
