/**
 * The ESM bundle in a real headless Chromium: a page built from dist-browser/tessera.js trains a
 * small MLP on onnxruntime-web (wasm; webgpu when the browser has it), and the same program is
 * trained in Node on onnxruntime-node. The loss must fall, and the browser's predictions must
 * equal Node's to 1e-4 (absolute). The page also runs tsr.data (data-program.ts) against Node's
 * results. Needs Chromium: `npm run test:browser` (not part of `npm test`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { MLP_STEPS, trainMlp, type MlpResult } from './mlp-program.js';
import { dataChecks, type DataResult } from './data-program.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/**
 * Without a GPU, headless Chromium has navigator.gpu but no adapter, so the webgpu part is skipped.
 * TESSERA_BROWSER_WEBGPU=swiftshader gives it Chromium's software WebGPU adapter (SwiftShader)
 * instead of --disable-gpu, so ONNX Runtime's WebGPU provider runs for real, on the CPU (~20 s more).
 */
const SWIFTSHADER = process.env['TESSERA_BROWSER_WEBGPU'] === 'swiftshader';
const GPU_ARGS = SWIFTSHADER ? ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'] : ['--disable-gpu'];
/** Absolute tolerance on probabilities (in [0, 1]) and losses, wasm vs onnxruntime-node's CPU. */
const TOL = 1e-4;
/** GPU kernels (other accumulation orders, fast exp) are held to a looser bound. */
const TOL_WEBGPU = 1e-3;

interface PageResult {
  wasm: MlpResult;
  data: DataResult;
  webgpu: MlpResult | null;
  webgpuSkipped: string | null;
  webgpuError: string | null;
  userAgent: string;
}

declare global {
  interface Window {
    __tessera?: PageResult;
    __tesseraError?: string;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  // instantiateStreaming needs this exact type.
  '.wasm': 'application/wasm',
};

/** A static server on 127.0.0.1 (a random port): URL prefix → folder. Misses are noted in `misses`. */
async function serve(routes: Record<string, string>, misses: string[]): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(routes).find((p) => path.startsWith(p));
    const dir = prefix === undefined ? undefined : routes[prefix]!;
    const file = dir === undefined ? undefined : resolve(dir, path.slice(prefix!.length));
    if (!dir || !file || !file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      misses.push(path);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

function expectTrained(r: MlpResult): void {
  expect(r.backend).toBe('onnxruntime');
  expect(r.losses).toHaveLength(MLP_STEPS);
  expect(r.losses.every(Number.isFinite)).toBe(true);
  // Clearly fell: by more than a fifth over the run (0.71 → 0.41 with these data and settings).
  expect(r.losses.at(-1)!).toBeLessThan(0.8 * r.losses[0]!);
}

describe('browser bundle on onnxruntime-web (headless Chromium)', () => {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let scratch: string | undefined;
  let page: PageResult;
  let node: MlpResult;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    }
    // The library bundle, as users get it, and the MLP program bundled alone next to the page.
    execFileSync(process.execPath, [join(root, 'scripts/build-browser.mjs')], { cwd: root, stdio: 'inherit' });
    scratch = mkdtempSync(join(tmpdir(), 'tessera-browser-'));
    for (const program of ['mlp-program', 'data-program']) {
      await esbuild.build({
        entryPoints: [join(root, `test/browser/${program}.ts`)],
        outfile: join(scratch, `${program}.js`),
        bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'warning',
      });
    }
    copyFileSync(join(root, 'test/browser/page.html'), join(scratch, 'page.html'));

    const misses: string[] = [];
    const served = await serve({ '/dist/': join(root, 'dist-browser'), '/test/': scratch }, misses);
    server = served.server;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', ...GPU_ARGS, '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const tab = await browser.newPage();
    const log: string[] = [];
    tab.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}`));
    tab.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    tab.on('requestfailed', (r) => log.push(`[requestfailed] ${r.url()}: ${r.failure()?.errorText ?? ''}`));
    const diagnostics = (): string => [...log, ...misses.map((m) => `[404] ${m}`)].join('\n') || '(nothing logged)';

    await tab.goto(`${served.origin}/test/page.html`);
    try {
      await tab.waitForFunction(() => window.__tessera !== undefined || window.__tesseraError !== undefined, undefined, { timeout: 240_000 });
    } catch (e) {
      throw new Error(`the page gave no result (${(e as Error).message.split('\n')[0]}). Page log:\n${diagnostics()}`);
    }
    const error = await tab.evaluate(() => window.__tesseraError);
    if (error) throw new Error(`the page failed: ${error}\nPage log:\n${diagnostics()}`);
    page = (await tab.evaluate(() => window.__tessera))!;
    console.log(`[browser test] ${page.userAgent}`);

    // The same program in Node, on onnxruntime-node.
    tsr.setBackend('onnxruntime');
    try {
      node = await trainMlp(tsr);
    } finally {
      tsr.setBackend('reference');
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('trains the MLP on wasm: the loss falls, predictions equal Node\'s to 1e-4', () => {
    expectTrained(page.wasm);
    expectTrained(node);
    const dPred = maxAbsDiff(page.wasm.predictions, node.predictions);
    const dLoss = maxAbsDiff(page.wasm.losses, node.losses);
    console.log(`[browser test] wasm losses ${page.wasm.losses[0]!.toFixed(6)} → ${page.wasm.losses.at(-1)!.toFixed(6)}; ` +
      `node ${node.losses[0]!.toFixed(6)} → ${node.losses.at(-1)!.toFixed(6)}; ` +
      `max |Δ prediction| ${dPred.toExponential(2)}, max |Δ loss| ${dLoss.toExponential(2)}`);
    expect(dPred).toBeLessThanOrEqual(TOL);
    expect(dLoss).toBeLessThanOrEqual(TOL);
  });

  it('runs tsr.data in the page as in Node: pipeline, WAV + MFCC, BPE, CSV', async () => {
    tsr.setBackend('onnxruntime');
    let inNode: DataResult;
    try {
      inNode = await dataChecks(tsr);
    } finally {
      tsr.setBackend('reference');
    }
    const { mfccFirst, ...rest } = page.data;
    const { mfccFirst: nodeMfcc, ...nodeRest } = inNode;
    expect(rest).toEqual(nodeRest);
    expect(maxAbsDiff(mfccFirst, nodeMfcc)).toBeLessThanOrEqual(1e-3);
    expect(rest.batches.flat().flat().filter((v) => v === -1).length).toBeGreaterThan(0); // padding happened
    expect(rest.bpeRoundTrip).toBe('the lowest newest 👋');
  });

  it('trains the MLP on webgpu when the browser has it', (ctx) => {
    if (page.webgpuError) throw new Error(`webgpu run failed in the page: ${page.webgpuError}`);
    if (!page.webgpu && SWIFTSHADER) throw new Error(`TESSERA_BROWSER_WEBGPU=swiftshader, yet webgpu did not run: ${page.webgpuSkipped}`);
    if (!page.webgpu) {
      // Headless Chromium without a GPU has no WebGPU adapter: reported, not faked.
      console.log(`[browser test] webgpu skipped: ${page.webgpuSkipped}`);
      ctx.skip(`webgpu: ${page.webgpuSkipped}`);
      return;
    }
    expectTrained(page.webgpu);
    const dPred = maxAbsDiff(page.webgpu.predictions, node.predictions);
    console.log(`[browser test] webgpu losses ${page.webgpu.losses[0]!.toFixed(6)} → ${page.webgpu.losses.at(-1)!.toFixed(6)}; max |Δ prediction| ${dPred.toExponential(2)}`);
    expect(dPred).toBeLessThanOrEqual(TOL_WEBGPU);
  });
});
