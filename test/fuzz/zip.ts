/**
 * The structure of a zip archive for the .keras fuzz test: every size, count, offset, CRC and name
 * length field (local headers, central directory, end record) and every entry's span, so that the
 * mutator can forge exactly what a hostile archive would.
 */
import type { Field, Span } from './mutate.js';

export interface ZipLayout {
  fields: Field[];
  /** Local entries (header + data) and central directory records. */
  spans: Span[];
}

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

export function zipLayout(b: Uint8Array): ZipLayout {
  const fields: Field[] = [];
  const spans: Span[] = [];
  let eocd = -1;
  for (let i = b.length - 22; i >= 0; i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { fields, spans };
  for (const at of [8, 10]) fields.push({ at: eocd + at, bytes: 2 });
  for (const at of [12, 16]) fields.push({ at: eocd + at, bytes: 4 });
  let p = u32(b, eocd + 16);
  const count = u16(b, eocd + 10);
  for (let k = 0; k < count && p + 46 <= b.length && u32(b, p) === 0x02014b50; k++) {
    for (const at of [10, 28, 30, 32]) fields.push({ at: p + at, bytes: 2 });
    for (const at of [16, 20, 24, 42]) fields.push({ at: p + at, bytes: 4 });
    const local = u32(b, p + 42);
    const size = 46 + u16(b, p + 28) + u16(b, p + 30) + u16(b, p + 32);
    spans.push({ start: p, end: p + size });
    if (local + 30 <= b.length && u32(b, local) === 0x04034b50) {
      for (const at of [8, 26, 28]) fields.push({ at: local + at, bytes: 2 });
      for (const at of [14, 18, 22]) fields.push({ at: local + at, bytes: 4 });
      spans.push({ start: local, end: Math.min(b.length, local + 30 + u16(b, local + 26) + u16(b, local + 28) + u32(b, p + 20)) });
    }
    p += size;
  }
  return { fields, spans };
}
