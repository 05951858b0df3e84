/// <reference types="vite/client" />
/**
 * Every exported model is valid ONNX: the forward and the gradient model of every op case
 * (test/ops/*.cases.ts), written with debug.toOnnx, pass the ONNX checker with full shape
 * inference. Needs Debian's python3-onnx (`npm run test:system`; .ci/run installs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { makeInput, rng, type OpCase } from '../helpers/test-op.js';
import { FAMILIES } from '../helpers/model-families.js';

const tables = import.meta.glob<Record<string, unknown>>('../ops/*.cases.ts', { eager: true });
const dir = mkdtempSync(join(tmpdir(), 'tessera-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(folder: string): { checked: number; onnx: string; failures: [string, string][] } {
  return JSON.parse(execFileSync('/usr/bin/python3', ['scripts/check_onnx_models.py', folder], { encoding: 'utf8' })) as
    { checked: number; onnx: string; failures: [string, string][] };
}

describe('ONNX checker', () => {
  it('accepts the exported inference graph of every model family (symbolic batch, named weights)', async () => {
    const exported = join(dir, 'exported');
    mkdirSync(exported);
    for (const family of FAMILIES) await family.build().toOnnx(join(exported, `${family.name.replace(/\W+/g, '_')}.onnx`));
    const report = check(exported);
    expect(report.checked).toBe(FAMILIES.length);
    expect(report.failures).toEqual([]);
  });

  it('accepts the forward and gradient model of every op case', () => {
    let written = 0;
    for (const mod of Object.values(tables)) {
      for (const value of Object.values(mod)) {
        if (!Array.isArray(value)) continue;
        for (const c of value as OpCase[]) {
          const inputs = c.inputs.map((s) => makeInput(s, rng(1234)));
          const slug = `${written}-${c.name.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}`;
          const out = c.fn(...inputs);
          if (out._data === null) {
            writeFileSync(join(dir, `${slug}.onnx`), tsr.debug.toOnnx(c.fn as (...a: never[]) => unknown, ...inputs));
            written++;
          }
          const argnums = inputs.map((_, i) => i).filter((i) => inputs[i]!.dtype === 'float32');
          if (c.grad === false || !argnums.length) continue;
          const gradFn = tsr.grad((...xs: tsr.Tensor[]) => c.fn(...xs).sum(), { argnums }) as (...xs: tsr.Tensor[]) => tsr.Tensor[];
          if (gradFn(...inputs).every((g) => g._data !== null)) continue; // a constant gradient computes nothing
          writeFileSync(join(dir, `${slug}-grad.onnx`), tsr.debug.toOnnx(gradFn as (...a: never[]) => unknown, ...inputs));
          written++;
        }
      }
    }
    const report = check(dir);
    expect(report.checked).toBe(written);
    expect(written).toBeGreaterThan(400);
    expect(report.failures).toEqual([]);
  });
});
