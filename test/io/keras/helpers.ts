/** Shared by the Keras import tests: the fixtures (made by scripts/make_keras_fixtures.py) and their expected outputs. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'fflate';
import { expect } from 'vitest';
import { crc32 } from '../../../src/io/keras/archive.js';
import * as tsr from '../../../src/index.js';

export const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string): string => join(fixtures, name);

type Nested = number | Nested[];

function flat(x: Nested): number[] {
  return Array.isArray(x) ? x.flatMap(flat) : [x];
}

function shapeOf(x: Nested): number[] {
  return Array.isArray(x) ? [x.length, ...shapeOf(x[0]!)] : [];
}

/** The committed inputs (as tensors of `dtypes`) and the outputs computed in the fixture script. */
export function expected(name: string, dtypes: tsr.DType[] = ['float32']): { inputs: tsr.Tensor[]; outputs: number[]; shape: number[] } {
  const json = JSON.parse(readFileSync(fixture(name), 'utf8')) as { inputs: Nested[]; outputs: Nested };
  const inputs = json.inputs.map((x, i) => tsr.tensor(flat(x), shapeOf(x), dtypes[i] ?? 'float32'));
  return { inputs, outputs: flat(json.outputs), shape: shapeOf(json.outputs) };
}

/** Every value within `tol` of the expected one (and the same shape). */
export async function expectClose(actual: tsr.Tensor, want: { outputs: number[]; shape: number[] }, tol = 1e-5): Promise<void> {
  expect(actual.shape).toEqual(want.shape);
  const got = Array.from((await actual.data()) as Float32Array);
  const worst = got.reduce((m, v, i) => Math.max(m, Math.abs(v - want.outputs[i]!)), 0);
  expect(worst).toBeLessThan(tol);
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Deflate the data (zip method 8) instead of storing it. */
  deflate?: boolean;
  /** Forged header fields. */
  declaredSize?: number;
  crc?: number;
}

/** A zip archive written field by field, so that tests can forge what a hostile archive would. */
export function makeZip(entries: ZipEntry[], forge: { count?: number } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const enc = new TextEncoder();
  for (const e of entries) {
    const name = enc.encode(e.name);
    const payload = e.deflate ? deflateSync(e.data) : e.data;
    const fields = (h: DataView, at: number): void => {
      h.setUint16(at, 20, true); // version needed
      h.setUint16(at + 2, 0x0800, true); // UTF-8 names
      h.setUint16(at + 4, e.deflate ? 8 : 0, true);
      h.setUint32(at + 10, e.crc ?? crc32(e.data), true);
      h.setUint32(at + 14, payload.length, true);
      h.setUint32(at + 18, e.declaredSize ?? e.data.length, true);
      h.setUint16(at + 22, name.length, true);
    };
    const local = new Uint8Array(30 + name.length + payload.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    fields(lv, 4);
    local.set(name, 30);
    local.set(payload, 30 + name.length);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    fields(cv, 6);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    locals.push(local);
    central.push(cd);
    offset += local.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, forge.count ?? entries.length, true);
  ev.setUint16(10, forge.count ?? entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const part of [...locals, ...central, end]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
