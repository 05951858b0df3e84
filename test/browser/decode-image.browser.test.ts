/**
 * decodeImageBrowser in a real headless Chromium (createImageBitmap + OffscreenCanvas): the module
 * is bundled alone for the page and must decode a PNG made by sharp to the same pixels as sharp.
 * Needs Chromium: `npm run test:browser`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

declare global {
  interface Window {
    tesseraDecode?: typeof import('../../src/data/image/decode-browser.js');
  }
}

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const out = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [resolve(root, 'src/data/image/decode-browser.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'tesseraDecode',
    platform: 'browser',
    target: 'es2022',
    external: ['node:*'],
    logLevel: 'error',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
});

describe('decodeImageBrowser in Chromium', () => {
  it('decodes a PNG to the known pixels, resizes, and names bad input', async () => {
    const rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 200, 100, 50, 7, 8, 9];
    const png = await sharp(Buffer.from(rgb), { raw: { width: 3, height: 2, channels: 3 } }).png().toBuffer();
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const result = await page.evaluate(async (b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const m = window.tesseraDecode!;
      const t = await m.decodeImageBrowser(new Blob([bytes]), { dtype: 'int32' });
      const gray = await m.decodeImageBrowser(bytes, { channels: 1, dtype: 'int32' });
      const big = await m.decodeImageBrowser(bytes.buffer, { size: [4, 6], method: 'nearest', dtype: 'int32' });
      let error = '';
      try {
        await m.decodeImageBrowser(new Uint8Array([1, 2, 3]));
      } catch (e) {
        error = (e as Error).message;
      }
      const values = (x: typeof t) => Array.from(x.dataSync() as Int32Array);
      return { shape: t.shape, values: values(t), gray: values(gray), bigShape: big.shape, big: values(big), error };
    }, png.toString('base64'));
    await page.close();
    expect(result.shape).toEqual([2, 3, 3]);
    expect(result.values).toEqual(rgb);
    expect(result.gray.slice(0, 3)).toEqual([76, 150, 29]);
    expect(result.bigShape).toEqual([4, 6, 3]);
    expect(result.big.slice(0, 6)).toEqual([255, 0, 0, 255, 0, 0]);
    expect(result.error).toMatch(/decodeImageBrowser: cannot decode the buffer as an image/);
  });
});
