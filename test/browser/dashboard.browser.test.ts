/**
 * The live dashboard in real headless Chromium: a short training run serves it; the page shows the
 * charts while the run trains, the epoch table's numbers equal the History `fit` returns, and a
 * screenshot is saved under test-results/. Needs Chromium: `npm run test:browser`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'tessera-dashboard-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EPOCHS = 4;

describe('dashboard in Chromium', () => {
  it('shows the run live; the numbers shown are the History; screenshot', async () => {
    let announce: (url: string) => void = () => {};
    const announced = new Promise<string>((r) => (announce = r));
    tsr.setSeed(3);
    const x = tsr.randomNormal([96, 4, 4, 1], { key: tsr.randomKey(4) });
    const y = tsr.cast(tsr.greater(tsr.sum(x, [1, 2, 3]), 0), 'int32');
    const validation = { x: tsr.slice(x, [72, 0, 0, 0], [24, -1, -1, -1]), y: tsr.slice(y, [72], [24]), classNames: ['dark', 'bright'] };
    const dash = tsr.callbacks.dashboard({ dir, keepOpen: true, validation, print: (l) => announce(/(http:\S+)/.exec(l)![1]!) });
    // A pause per epoch keeps the run going while the page connects (a real run takes longer anyway).
    const slow = tsr.callbacks.lambdaCallback({ onEpochEnd: () => new Promise((r) => setTimeout(r, 400)) });
    const model = tsr.sequential([tsr.layers.flatten({ inputShape: [4, 4, 1] }), tsr.layers.dense({ units: 12, activation: 'relu' }), tsr.layers.dense({ units: 2 })], { name: 'browser_run' });
    model.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const training = model.fit(x, y, { epochs: EPOCHS, batchSize: 16, validationSplit: 0.25, verbose: 0, callbacks: [dash, slow] });

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-gpu', '--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(await announced);
      // Live: at least two epochs appear while fit has not returned yet, with their charts.
      await page.waitForFunction(() => document.querySelectorAll('#epochs tbody tr').length >= 2, undefined, { timeout: 60_000 });
      await page.waitForFunction(() => document.querySelectorAll('#charts canvas').length >= 2, undefined, { timeout: 60_000 });
      const history = await training;
      await page.waitForFunction((n) => document.querySelectorAll('#epochs tbody tr').length === n, EPOCHS, { timeout: 60_000 });
      await page.waitForFunction(() => document.querySelector('#status tbody td:nth-child(2)')?.textContent === 'finished', undefined, { timeout: 60_000 });
      const shown = await page.$$eval('#epochs td[data-key]', (cells) => cells.map((c) => ({ epoch: Number((c as HTMLElement).dataset['epoch']), key: (c as HTMLElement).dataset['key']!, value: Number(c.getAttribute('title')) })));
      for (const [key, values] of Object.entries(history.history)) {
        expect(shown.filter((s) => s.key === key).sort((a, b) => a.epoch - b.epoch).map((s) => s.value)).toEqual(values);
      }
      const charts = await page.$$eval('#charts .chart', (els) => els.map((e) => (e as HTMLElement).dataset['chart']));
      expect(charts).toEqual(expect.arrayContaining(['loss', 'accuracy', 'samples/s', 'learning rate']));
      expect(await page.textContent('#summary')).toMatch(/dense/);
      // The classifier part: 16 sample pictures with true and predicted labels, a 2×2 confusion matrix of the 24 samples.
      expect(await page.$$eval('#samples .sample img', (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBe(16);
      expect(await page.$$eval('#samples .sample div', (d) => d.every((c) => /^true: (dark|bright) · predicted: (dark|bright)$/.test(c.textContent ?? '')))).toBe(true);
      const counts = await page.$$eval('#confusion td', (tds) => tds.map((t) => Number(t.textContent)));
      expect(counts).toHaveLength(4);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(24);
      expect(errors).toEqual([]);
      mkdirSync(join(root, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-results', 'dashboard.png'), fullPage: true });

      // A reload replays the stored run.
      await page.reload();
      await page.waitForFunction((n) => document.querySelectorAll('#epochs tbody tr').length === n, EPOCHS, { timeout: 60_000 });
      // Training again (a restart) is a new run: the open page picks it up and shows both side by side.
      await model.fit(x, y, { epochs: 2, batchSize: 16, validationSplit: 0.25, verbose: 0, callbacks: [dash] });
      await page.waitForFunction(() => Array.from(document.querySelectorAll('#status tbody tr td:nth-child(2)')).filter((td) => td.textContent === 'finished').length === 2, undefined, { timeout: 60_000 });
      expect(await page.$$eval('#run-list input:checked', (boxes) => boxes.length)).toBe(2);
    } finally {
      await browser.close();
      await dash.close();
    }
  });
});
